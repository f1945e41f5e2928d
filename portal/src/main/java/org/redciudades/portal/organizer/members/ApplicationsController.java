package org.redciudades.portal.organizer.members;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
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

/**
 * The applications in the organizers' hands: the queue (new, under review, approved and waiting for the signed
 * agreement), oldest first, each with its institution and contacts; an application's page; and its steps: start the
 * review, approve, reject with a reason, and record the signed agreement, which makes the institution an active member.
 */
@Controller
class ApplicationsController {

    static final String APPLICATION_VIEW = "organizer/members/application";
    /** How many of each status the queue shows; the rest are a search away. */
    static final int QUEUE_SIZE = 10;

    private final NetworkMembers members;
    private final MemberPages pages;
    private final MemberSteps steps;

    ApplicationsController(NetworkMembers members, MemberPages pages, MemberSteps steps) {
        this.members = members;
        this.pages = pages;
        this.steps = steps;
    }

    /** One part of the queue: the applications of one status, and how many there are in all. */
    record QueuePart(String status, long total, List<MemberPages.Listed> applications) {
    }

    @GetMapping("/organizer/applications")
    String queue(Locale locale, Authentication authentication, Model model) {
        ZoneId zone = pages.readerZone(authentication);
        List<QueuePart> parts = new ArrayList<>();
        for (String status : NetworkMembers.APPLICATION_STATUSES) {
            ResultPage<NetworkMembers.Summary> page = members.search(new NetworkMembers.Search(status, null, null, null), 0,
                    QUEUE_SIZE, "submittedAt,asc");
            parts.add(new QueuePart(status, page.totalItems(), page.items().stream()
                    .map(summary -> pages.listed(summary, members.get(summary.id()).contacts(), zone, locale))
                    .toList()));
        }
        model.addAttribute("parts", parts);
        return "organizer/members/applications";
    }

    /** An application's page; once it is no longer one (rejected, or a member), the member's page. */
    @GetMapping("/organizer/applications/{id}")
    String application(@PathVariable UUID id, Locale locale, Authentication authentication, Model model) {
        NetworkMembers.Member member = pages.show(id, locale, pages.readerZone(authentication), model);
        if (!member.application()) {
            return "redirect:/organizer/members/" + id;
        }
        offer(member, model);
        return APPLICATION_VIEW;
    }

    /**
     * The application's steps its status allows now, in the order they come, each button's form with its own
     * idempotency key (a double click takes the step once).
     */
    static void offer(NetworkMembers.Member member, Model model) {
        List<MemberStep> allowed = MemberStep.APPLICATION.stream().filter(member::allows).toList();
        model.addAttribute("steps", allowed);
        model.addAttribute("stepKeys", allowed.stream()
                .collect(Collectors.toMap(MemberStep::path, step -> UUID.randomUUID().toString())));
    }

    @PostMapping("/organizer/applications/{id}/review")
    String review(@PathVariable UUID id, @RequestParam(required = false) String idempotencyKey, Locale locale,
                  Authentication authentication, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        return steps.takeButton(id, MemberStep.REVIEW, idempotencyKey, locale, pages.readerZone(authentication), model,
                redirect, response);
    }

    @PostMapping("/organizer/applications/{id}/approval")
    String approve(@PathVariable UUID id, @RequestParam(required = false) String idempotencyKey, Locale locale,
                   Authentication authentication, Model model, RedirectAttributes redirect,
                   HttpServletResponse response) {
        return steps.takeButton(id, MemberStep.APPROVAL, idempotencyKey, locale, pages.readerZone(authentication),
                model, redirect, response);
    }

    @GetMapping("/organizer/applications/{id}/rejection")
    String rejection(@PathVariable UUID id, Locale locale, Authentication authentication, Model model) {
        return steps.page(id, MemberStep.REJECTION, ReasonForm.empty(), locale, pages.readerZone(authentication), model);
    }

    @PostMapping("/organizer/applications/{id}/rejection")
    String reject(@PathVariable UUID id, @ModelAttribute("form") ReasonForm form, BindingResult binding,
                  @RequestParam(required = false) String idempotencyKey, Locale locale, Authentication authentication,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return steps.takeWithReason(id, MemberStep.REJECTION, form, binding, idempotencyKey, locale,
                pages.readerZone(authentication), model, redirect, response);
    }

    @GetMapping("/organizer/applications/{id}/agreement")
    String agreement(@PathVariable UUID id, Locale locale, Authentication authentication, Model model) {
        return steps.page(id, MemberStep.AGREEMENT, AgreementForm.empty(), locale, pages.readerZone(authentication),
                model);
    }

    @PostMapping("/organizer/applications/{id}/agreement")
    String recordAgreement(@PathVariable UUID id, @ModelAttribute("form") AgreementForm form, BindingResult binding,
                           @RequestParam(required = false) String idempotencyKey, Locale locale,
                           Authentication authentication, Model model, RedirectAttributes redirect,
                           HttpServletResponse response) {
        return steps.takeWithAgreement(id, MemberStep.AGREEMENT, form, binding, idempotencyKey, locale,
                pages.readerZone(authentication), model, redirect, response);
    }
}
