package org.redciudades.portal.registrations;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.portal.catalogue.CatalogueEntry;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.catalogue.EventsCatalogue;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The page the link in a guest's email opens ({@code /registrations/{id}/manage?token=}, as pretix's order page): the
 * registration without an account, its status in words, the online link once confirmed, and cancelling it after a
 * question that needs no JavaScript. The token is a capability for that one registration: these pages are sent with
 * {@code Referrer-Policy: no-referrer} (the token must not leak to the online link's host) and are never cached.
 */
@Controller
class ManageLinkController {

    private final GuestRegistrations registrations;
    private final EventsCatalogue catalogue;
    private final EventTimes times;
    private final ProblemMessages problems;

    ManageLinkController(GuestRegistrations registrations, EventsCatalogue catalogue, EventTimes times,
                         ProblemMessages problems) {
        this.registrations = registrations;
        this.catalogue = catalogue;
        this.times = times;
        this.problems = problems;
    }

    @ModelAttribute
    void capabilityHeaders(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @GetMapping("/registrations/{id}/manage")
    String manage(@PathVariable UUID id, @RequestParam(required = false) String token, Locale locale, Model model) {
        GuestRegistrations.Held held = registrations.get(id, token(token));
        model.addAttribute("holder", held);
        model.addAttribute("r", RegistrationView.of(held.entry(), locale, null, times));
        model.addAttribute("token", token);
        model.addAttribute("cancelPath", cancelPath(id, token));
        model.addAttribute("pagePath", managePath(id, token));
        return "registrations/manage";
    }

    @GetMapping("/registrations/{id}/manage/cancellation")
    String confirmCancellation(@PathVariable UUID id, @RequestParam(required = false) String token, Locale locale,
                               Model model) {
        return cancellationPage(id, token, registrations.get(id, token(token)), locale, model);
    }

    @PostMapping("/registrations/{id}/manage/cancellation")
    String cancel(@PathVariable UUID id, @RequestParam(required = false) String token, Locale locale, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        try {
            registrations.cancel(id, token(token));
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500 || problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("problem", problems.of(problem, locale));
            response.setStatus(problem.status());
            return cancellationPage(id, token, registrations.get(id, token), locale, model);
        }
        redirect.addFlashAttribute("cancelled", true);
        return "redirect:" + managePath(id, token);
    }

    private String cancellationPage(UUID id, String token, GuestRegistrations.Held held, Locale locale, Model model) {
        CatalogueEntry entry = catalogue.get(held.event().id());
        model.addAttribute("holder", held);
        model.addAttribute("r", RegistrationView.of(held.entry(), locale, null, times));
        model.addAttribute("token", token);
        model.addAttribute("deadline", entry.cancellationDeadline() == null ? null
                : times.moment(entry.cancellationDeadline(), ZoneId.of(entry.timeZone()), locale));
        model.addAttribute("managePath", managePath(id, token));
        model.addAttribute("pagePath", cancelPath(id, token));
        return "registrations/manage-cancellation";
    }

    /** No token is a wrong token: events-service answers 404 for it, as for any other. */
    private static String token(String token) {
        return token == null ? "" : token;
    }

    private static String managePath(UUID id, String token) {
        return UriComponentsBuilder.fromPath("/registrations/{id}/manage").queryParam("token", token)
                .encode().buildAndExpand(id).toUriString();
    }

    private static String cancelPath(UUID id, String token) {
        return UriComponentsBuilder.fromPath("/registrations/{id}/manage/cancellation").queryParam("token", token)
                .encode().buildAndExpand(id).toUriString();
    }
}
