package org.redciudades.portal.organizer.members;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceProblem;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Taking a step on a member from a page: the step's own page (a question with what it asks for, and what it will tell
 * people), sending it to membership-service under the form's idempotency key, and then either the member's page with
 * the outcome, or the same page with the service's refusal in its own words (its field errors next to the fields).
 */
@Component
class MemberSteps {

    static final String REASON_VIEW = "organizer/members/reason";
    static final String AGREEMENT_VIEW = "organizer/members/agreement";

    private final NetworkMembers members;
    private final MemberPages pages;
    private final ProblemMessages problems;
    private final MessageSource messages;

    MemberSteps(NetworkMembers members, MemberPages pages, ProblemMessages problems, MessageSource messages) {
        this.members = members;
        this.pages = pages;
        this.problems = problems;
        this.messages = messages;
    }

    /** The step's page: the member, whether its status allows the step now, and a fresh idempotency key. */
    String page(UUID id, MemberStep step, Object form, Locale locale, ZoneId zone, Model model) {
        NetworkMembers.Member member = pages.show(id, locale, zone, model);
        model.addAttribute("step", step);
        model.addAttribute("allowed", member.allows(step));
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("backPath", MemberPages.path(id, member.status()));
        String stepPath = (MemberStep.APPLICATION.contains(step) ? "/organizer/applications/" : "/organizer/members/")
                + id + "/" + step.path();
        model.addAttribute("stepPath", stepPath);
        model.addAttribute("pagePath", stepPath);
        return step.needs() == MemberStep.Needs.AGREEMENT ? AGREEMENT_VIEW : REASON_VIEW;
    }

    /** A step with a reason: required to reject or suspend, optional otherwise. */
    String takeWithReason(UUID id, MemberStep step, ReasonForm form, BindingResult binding, String idempotencyKey,
                          Locale locale, ZoneId zone, Model model, RedirectAttributes redirect,
                          HttpServletResponse response) {
        String reason = form.stripped();
        if (reason == null && step.reasonRequired()) {
            binding.rejectValue("reason", "org.members.reason.required." + step.path());
        } else if (reason != null && reason.length() > ReasonForm.MAX_LENGTH) {
            binding.rejectValue("reason", "org.members.reason.too-long", new Object[]{ReasonForm.MAX_LENGTH}, null);
        }
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(id, step, form, locale, zone, model);
        }
        return take(id, step, new NetworkMembers.Reason(reason), form, binding, idempotencyKey, locale, zone, model,
                redirect, response);
    }

    /** Recording the signed agreement, or a renewal's new one. */
    String takeWithAgreement(UUID id, MemberStep step, AgreementForm form, BindingResult binding, String idempotencyKey,
                             Locale locale, ZoneId zone, Model model, RedirectAttributes redirect,
                             HttpServletResponse response) {
        NetworkMembers.AgreementRequest request = form.toRequest(binding);
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(id, step, form, locale, zone, model);
        }
        return take(id, step, request, form, binding, idempotencyKey, locale, zone, model, redirect, response);
    }

    /**
     * A step without a form (start the review, approve): a button on the application's page, to which a refusal
     * returns.
     */
    String takeButton(UUID id, MemberStep step, String idempotencyKey, Locale locale, ZoneId zone, Model model,
                      RedirectAttributes redirect, HttpServletResponse response) {
        try {
            return taken(members.take(id, step, null, idempotencyKey), step, locale, redirect);
        } catch (ServiceProblem problem) {
            refusal(problem, null, locale, model, response);
            NetworkMembers.Member member = pages.show(id, locale, zone, model);
            ApplicationsController.offer(member, model);
            return ApplicationsController.APPLICATION_VIEW;
        }
    }

    private String take(UUID id, MemberStep step, Object body, Object form, BindingResult binding,
                        String idempotencyKey, Locale locale, ZoneId zone, Model model, RedirectAttributes redirect,
                        HttpServletResponse response) {
        try {
            return taken(members.take(id, step, body, idempotencyKey), step, locale, redirect);
        } catch (ServiceProblem problem) {
            refusal(problem, binding, locale, model, response);
            return page(id, step, form, locale, zone, model);
        }
    }

    /** The member's page (or the application's, while it is one), with what was done and whom it tells. */
    private String taken(NetworkMembers.Member member, MemberStep step, Locale locale, RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", messages.getMessage("org.members.outcome." + step.path(),
                new Object[]{member.institution().name()}, locale));
        return "redirect:" + MemberPages.path(member.id(), member.status());
    }

    /**
     * The service's refusal on the page that asked: its field errors next to the fields the form has, anything else in
     * its own words above the form. A member that does not exist, a session that ended, or a service that failed is
     * the error page's.
     */
    private void refusal(ServiceProblem problem, BindingResult binding, Locale locale, Model model,
                         HttpServletResponse response) {
        if (problem.status() >= 500 || problem.status() == 401 || problem.status() == 404) {
            throw problem;
        }
        List<ServiceProblem.FieldError> unplaced = problem.errors().stream()
                .filter(error -> binding == null || !place(binding, error)).toList();
        if (binding == null || !binding.hasErrors() || !unplaced.isEmpty()) {
            model.addAttribute("problem", problems.of(problem, locale));
            model.addAttribute("problemErrors", unplaced.stream().map(ServiceProblem.FieldError::reason).toList());
        }
        response.setStatus(problem.status());
    }

    /** A field the service refused, next to the form's field of that name; false when the form has none. */
    private static boolean place(BindingResult binding, ServiceProblem.FieldError error) {
        if (binding.getTarget() != null && !error.field().isBlank()
                && new BeanWrapperImpl(binding.getTarget()).isReadableProperty(error.field())) {
            binding.rejectValue(error.field(), "service", error.reason());
            return true;
        }
        return false;
    }
}
