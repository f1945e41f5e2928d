package org.redciudades.portal.organizer.members;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.redciudades.portal.services.ServiceProblem;
import org.redciudades.portal.web.ResultPage;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The network's members as organizers see them: a search (name, status, country, kind), paged; a member's page with
 * its contacts, agreement and history; and the member's steps its lifecycle allows: suspend (with a reason),
 * reinstate, withdraw, and renew with a new agreement.
 */
@Controller
class MembersController {

    static final int PAGE_SIZE = 20;
    /** The network's countries, Mexico and Central America, as the catalogue's filter offers them. */
    static final List<String> COUNTRIES = List.of("MX", "BZ", "GT", "SV", "HN", "NI", "CR", "PA");

    private final NetworkMembers members;
    private final MemberPages pages;
    private final MemberSteps steps;

    MembersController(NetworkMembers members, MemberPages pages, MemberSteps steps) {
        this.members = members;
        this.pages = pages;
        this.steps = steps;
    }

    /** A country of the filter, named in the reader's language. */
    record Country(String code, String name) {
    }

    @GetMapping("/organizer/members")
    String search(@RequestParam(required = false) String name, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String country, @RequestParam(required = false) String kind,
                  @RequestParam(defaultValue = "0") int page, Locale locale, Authentication authentication,
                  Model model, HttpServletResponse response) {
        // Only what the service knows reaches it; anything else filters nothing
        NetworkMembers.Search search = new NetworkMembers.Search(
                known(NetworkMembers.STATUSES, status),
                known(COUNTRIES, country),
                known(NetworkMembers.KINDS, kind),
                name == null || name.isBlank() ? null : name.strip());
        model.addAttribute("search", search);
        model.addAttribute("statuses", NetworkMembers.STATUSES);
        model.addAttribute("kinds", NetworkMembers.KINDS);
        model.addAttribute("countries", COUNTRIES.stream()
                .map(code -> new Country(code, Locale.of("", code).getDisplayCountry(locale))).toList());
        ZoneId zone = pages.readerZone(authentication);
        try {
            ResultPage<NetworkMembers.Summary> results = members.search(search, Math.max(page, 0), PAGE_SIZE, "name,asc");
            model.addAttribute("results", results);
            model.addAttribute("listed", results.items().stream()
                    .map(summary -> pages.listed(summary, List.of(), zone, locale)).toList());
            results.addLinks(model, number -> link(search, number));
        } catch (ServiceProblem problem) {
            // A filter the service refused (such as a name too long): the form, and no results
            if (problem.status() != 400) {
                throw problem;
            }
            model.addAttribute("invalidSearch", true);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        return "organizer/members/members";
    }

    /** {@code value} when it is one of {@code known}; else null (List.of's contains refuses null). */
    private static String known(List<String> known, String value) {
        return value != null && known.contains(value) ? value : null;
    }

    private static String link(NetworkMembers.Search search, int page) {
        return UriComponentsBuilder.fromPath("/organizer/members")
                .queryParamIfPresent("name", Optional.ofNullable(search.name()))
                .queryParamIfPresent("status", Optional.ofNullable(search.status()))
                .queryParamIfPresent("country", Optional.ofNullable(search.country()))
                .queryParamIfPresent("kind", Optional.ofNullable(search.kind()))
                .queryParam("page", page).encode().build().toUriString();
    }

    @GetMapping("/organizer/members/{id}")
    String member(@PathVariable UUID id, Locale locale, Authentication authentication, Model model) {
        NetworkMembers.Member member = pages.show(id, locale, pages.readerZone(authentication), model);
        model.addAttribute("steps", MemberStep.MEMBER.stream().filter(member::allows).toList());
        return "organizer/members/member";
    }

    @GetMapping("/organizer/members/{id}/{step:suspension|reinstatement|withdrawal}")
    String reasonStep(@PathVariable UUID id, @PathVariable String step, Locale locale, Authentication authentication,
                      Model model) {
        return steps.page(id, step(step), ReasonForm.empty(), locale, pages.readerZone(authentication), model);
    }

    @PostMapping("/organizer/members/{id}/{step:suspension|reinstatement|withdrawal}")
    String takeReasonStep(@PathVariable UUID id, @PathVariable String step, @ModelAttribute("form") ReasonForm form,
                          BindingResult binding, @RequestParam(required = false) String idempotencyKey, Locale locale,
                          Authentication authentication, Model model, RedirectAttributes redirect,
                          HttpServletResponse response) {
        return steps.takeWithReason(id, step(step), form, binding, idempotencyKey, locale,
                pages.readerZone(authentication), model, redirect, response);
    }

    @GetMapping("/organizer/members/{id}/renewal")
    String renewal(@PathVariable UUID id, Locale locale, Authentication authentication, Model model) {
        return steps.page(id, MemberStep.RENEWAL, AgreementForm.empty(), locale, pages.readerZone(authentication),
                model);
    }

    @PostMapping("/organizer/members/{id}/renewal")
    String renew(@PathVariable UUID id, @ModelAttribute("form") AgreementForm form, BindingResult binding,
                 @RequestParam(required = false) String idempotencyKey, Locale locale, Authentication authentication,
                 Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return steps.takeWithAgreement(id, MemberStep.RENEWAL, form, binding, idempotencyKey, locale,
                pages.readerZone(authentication), model, redirect, response);
    }

    private static MemberStep step(String path) {
        return MemberStep.MEMBER.stream().filter(step -> step.path().equals(path)).findFirst().orElseThrow();
    }
}
