package org.redciudades.portal.organizer.events;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.services.ServiceProblem;
import org.redciudades.portal.web.ResultPage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An event's roster: everyone who registered, filtered by status, 50 a page; approving or rejecting the people who
 * wait for a decision (each says what the person will be told); and the spreadsheet of everyone, events-service's CSV
 * passed through with the organizer's token.
 */
@Controller
@RequestMapping("/organizer/events/{id}")
class RosterController {

    static final List<String> STATUSES = List.of("CONFIRMED", "PENDING_APPROVAL", "WAITLISTED", "ATTENDED",
            "CANCELLED", "REJECTED");
    static final int PAGE_SIZE = 50;

    /** One person of the roster, with when they registered and attended in the event's zone. */
    record Line(UUID id, String name, String email, String institution, String status, long position,
                EventTimes.Shown registeredAt, EventTimes.Shown attendedAt) {
    }

    private final OrganizerEvents events;
    private final EventTimes times;
    private final OrganizerProblems problems;
    private final Clock clock;

    RosterController(OrganizerEvents events, EventTimes times, OrganizerProblems problems, ObjectProvider<Clock> clock) {
        this.events = events;
        this.times = times;
        this.problems = problems;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A field left empty is no value: an empty link, quota or reason is none. */
    @InitBinder
    void emptyIsNone(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping("/registrations")
    String roster(@PathVariable UUID id, @RequestParam(required = false) String status,
                  @RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        return rosterPage(id, known(status), Math.max(0, page), locale, model);
    }

    /** Approving confirms the held seat; the person gets the confirmation with the calendar invitation. */
    @PostMapping("/registrations/{registrationId}/approval")
    String approve(@PathVariable UUID id, @PathVariable UUID registrationId,
                   @RequestParam(required = false) String status, Locale locale, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        OrganizerEvents.Registration registration = events.registration(registrationId);
        try {
            events.approve(registrationId);
        } catch (ServiceProblem problem) {
            refused(problem, locale, model, response);
            return rosterPage(id, known(status), 0, locale, model);
        }
        redirect.addFlashAttribute("done", Done.of("org.events.roster.approved", registration.name()));
        return "redirect:" + rosterLink(id, status);
    }

    /** The question before rejecting: who, and what they and the next person waiting will be told; an optional reason. */
    @GetMapping("/registrations/{registrationId}/rejection")
    String confirmRejection(@PathVariable UUID id, @PathVariable UUID registrationId, Locale locale, Model model) {
        model.addAttribute("rejection", new StepForms.OptionalReason(""));
        return rejectionPage(id, registrationId, locale, model);
    }

    @PostMapping("/registrations/{registrationId}/rejection")
    String reject(@PathVariable UUID id, @PathVariable UUID registrationId,
                  @Valid @ModelAttribute("rejection") StepForms.OptionalReason form, BindingResult binding,
                  Locale locale, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return rejectionPage(id, registrationId, locale, model);
        }
        OrganizerEvents.Registration registration = events.registration(registrationId);
        OrganizerEvents.Promotion promotion;
        try {
            promotion = events.reject(registrationId,
                    form.reason() == null || form.reason().isBlank() ? null : form.reason().strip());
        } catch (ServiceProblem problem) {
            refused(problem, locale, model, response);
            return rejectionPage(id, registrationId, locale, model);
        }
        redirect.addFlashAttribute("done", Done.of("org.events.roster.rejected", registration.name(),
                promotion.count()));
        return "redirect:" + rosterLink(id, registration.status());
    }

    /** The whole roster as a spreadsheet: events-service's file, named as it names it. */
    @GetMapping("/registrations.csv")
    ResponseEntity<byte[]> csv(@PathVariable UUID id) {
        ResponseEntity<byte[]> file = events.rosterCsv(id);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (file.getHeaders().getContentType() != null) {
            answer.contentType(file.getHeaders().getContentType());
        }
        String disposition = file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        return answer.header(HttpHeaders.CONTENT_DISPOSITION,
                        disposition != null ? disposition : "attachment; filename=\"registrations-" + id + ".csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.getBody());
    }

    private String rosterPage(UUID id, String status, int page, Locale locale, Model model) {
        OrganizerEvents.Event event = events.get(id);
        ZoneId zone = ZoneId.of(event.timeZone());
        ResultPage<OrganizerEvents.RosterEntry> list = events.roster(id, status, null, page, PAGE_SIZE);
        model.addAttribute("event", ManagedEvent.of(event, locale, times, clock.instant()));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("status", status);
        model.addAttribute("lines", list.items().stream().map(entry -> new Line(entry.id(), entry.name(),
                entry.email(), entry.institution(), entry.status(), entry.position(),
                times.moment(entry.createdAt(), zone, locale),
                entry.attendedAt() == null ? null : times.moment(entry.attendedAt(), zone, locale))).toList());
        model.addAttribute("page", list);
        String link = rosterLink(id, status) + (status == null ? "?" : "&") + "page=";
        list.addLinks(model, number -> link + number);
        return "organizer/events/registrations";
    }

    private String rejectionPage(UUID id, UUID registrationId, Locale locale, Model model) {
        OrganizerEvents.Event event = events.get(id);
        model.addAttribute("event", ManagedEvent.of(event, locale, times, clock.instant()));
        model.addAttribute("registration", events.registration(registrationId));
        return "organizer/events/rejection";
    }

    private void refused(ServiceProblem problem, Locale locale, Model model, HttpServletResponse response) {
        if (problem.status() == 404 || problem.status() == 401 || problem.status() >= 500) {
            throw problem;
        }
        model.addAttribute("problem", problems.of(problem, locale));
        response.setStatus(problem.status());
    }

    /** A status of the filter, or null for none (an unknown one included). */
    static String known(String status) {
        return status != null && STATUSES.contains(status) ? status : null;
    }

    static String rosterLink(UUID id, String status) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/organizer/events/{id}/registrations");
        if (known(status) != null) {
            link.queryParam("status", status);
        }
        return link.buildAndExpand(id).toUriString();
    }
}
