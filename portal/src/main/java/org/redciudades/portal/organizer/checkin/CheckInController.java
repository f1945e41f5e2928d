package org.redciudades.portal.organizer.checkin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.organizer.events.ManagedEvent;
import org.redciudades.portal.organizer.events.OrganizerEvents;
import org.redciudades.portal.organizer.events.OrganizerProblems;
import org.redciudades.portal.services.ServiceProblem;
import org.redciudades.portal.web.ResultPage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Check-in at the door, from a phone. The confirmation email's QR code opens {@code /organizer/check-in/{id}}: the
 * person, with one button. At an event's door page an organizer finds someone by the registration code of that email
 * (typed, or read by the phone's camera where the browser can), or by name or email in the event's roster, and records
 * attendance with one tap. Recording it again changes nothing, and the page says when it was recorded.
 */
@Controller
@RequestMapping("/organizer/check-in")
class CheckInController {

    static final List<String> AT_THE_DOOR = List.of("ANNOUNCED", "REGISTRATION_CLOSED");
    static final int PAGE_SIZE = 20;
    static final int MATCHES = 20;
    /** A registration code as the email writes it (3F2A-9C1B), in any case, with or without its dash; or a whole id. */
    static final Pattern CODE = Pattern.compile("[0-9a-f]{4}-?[0-9a-f]{4}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Someone found at the door, with when they attended, if they did, in the event's zone. */
    record Person(UUID id, String name, String email, String institution, String status, EventTimes.Shown attendedAt) {

        public boolean mayCheckIn() {
            return "CONFIRMED".equals(status);
        }
    }

    /** What a tap did: recorded now, or recorded before ({@code already}); when, in the event's zone. */
    record Outcome(String name, boolean already, String when, String zone) implements Serializable {
    }

    private final OrganizerEvents events;
    private final EventTimes times;
    private final OrganizerProblems problems;
    private final Clock clock;

    CheckInController(OrganizerEvents events, EventTimes times, OrganizerProblems problems,
                      ObjectProvider<Clock> clock) {
        this.events = events;
        this.times = times;
        this.problems = problems;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The events whose door is open: announced or closed for registration, soonest first. */
    @GetMapping
    String choose(@RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        ResultPage<OrganizerEvents.Event> list = eventsAtTheDoor(Math.max(0, page));
        Instant now = clock.instant();
        model.addAttribute("events", list.items().stream().map(e -> ManagedEvent.of(e, locale, times, now)).toList());
        model.addAttribute("page", list);
        list.addLinks(model, number -> "/organizer/check-in?page=" + number);
        return "organizer/checkin/events";
    }

    /**
     * An event's door: find someone by the registration code (one match opens them) or by name or email (a list, each
     * with the button).
     */
    @GetMapping("/events/{eventId}")
    String door(@PathVariable UUID eventId, @RequestParam(required = false) String code,
                @RequestParam(required = false) String name, Locale locale, Model model,
                HttpServletResponse response) {
        OrganizerEvents.Event event = events.get(eventId);
        ZoneId zone = ZoneId.of(event.timeZone());
        model.addAttribute("event", ManagedEvent.of(event, locale, times, clock.instant()));
        model.addAttribute("attended", events.roster(eventId, "ATTENDED", null, 0, 1).totalItems());
        model.addAttribute("confirmed", events.roster(eventId, "CONFIRMED", null, 0, 1).totalItems());
        model.addAttribute("code", code);
        model.addAttribute("name", name);
        if (code != null) {
            String typed = code.strip().toLowerCase(Locale.ROOT);
            if (!CODE.matcher(typed).matches()) {
                model.addAttribute("codeError", true);
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return "organizer/checkin/door";
            }
            String prefix = typed.replace("-", "");
            List<OrganizerEvents.RosterEntry> found = events.roster(eventId, null, typed, 0, MATCHES).items().stream()
                    .filter(entry -> entry.id().toString().replace("-", "").startsWith(prefix)).toList();
            if (found.size() == 1) {
                return "redirect:/organizer/check-in/" + found.getFirst().id();
            }
            model.addAttribute("codeNotFound", found.isEmpty());
            model.addAttribute("people", found.stream().map(entry -> person(entry, zone, locale)).toList());
        } else if (name != null && !name.isBlank()) {
            ResultPage<OrganizerEvents.RosterEntry> found = events.roster(eventId, null, name, 0, MATCHES);
            model.addAttribute("people", found.items().stream().map(entry -> person(entry, zone, locale)).toList());
            model.addAttribute("more", found.totalItems() > MATCHES);
        }
        return "organizer/checkin/door";
    }

    /** Where the QR code of a confirmation email leads: the person, and one button. */
    @GetMapping("/{registrationId}")
    String person(@PathVariable UUID registrationId, Locale locale, Model model) {
        OrganizerEvents.Registration registration = events.registration(registrationId);
        OrganizerEvents.Event event = events.get(registration.eventId());
        ZoneId zone = ZoneId.of(event.timeZone());
        String institution = events.roster(event.id(), null, registrationId.toString(), 0, 1).items().stream()
                .filter(entry -> entry.id().equals(registrationId)).findFirst()
                .map(OrganizerEvents.RosterEntry::institution).orElse(null);
        model.addAttribute("event", ManagedEvent.of(event, locale, times, clock.instant()));
        model.addAttribute("attendee", new Person(registration.id(), registration.name(), registration.email(),
                institution, registration.status(), attended(registration.attendedAt(), zone, locale)));
        return "organizer/checkin/person";
    }

    /**
     * One tap: CONFIRMED → ATTENDED. A registration already attended is not sent again, and the answer says when it
     * was recorded; so does events-service's answer, for a tap that raced another at the same moment.
     */
    @PostMapping("/{registrationId}")
    String checkIn(@PathVariable UUID registrationId, @RequestParam(required = false) String name, Locale locale,
                   Model model, RedirectAttributes redirect, HttpServletResponse response) {
        OrganizerEvents.Registration before = events.registration(registrationId);
        OrganizerEvents.Event event = events.get(before.eventId());
        ZoneId zone = ZoneId.of(event.timeZone());
        Outcome outcome;
        if ("ATTENDED".equals(before.status())) {
            outcome = outcome(before.name(), true, before.attendedAt(), zone, locale);
        } else {
            Instant asked = clock.instant();
            OrganizerEvents.Registration after;
            try {
                after = events.recordAttendance(registrationId);
            } catch (ServiceProblem problem) {
                if (problem.status() == 404 || problem.status() == 401 || problem.status() >= 500) {
                    throw problem;
                }
                model.addAttribute("problem", problems.of(problem, locale));
                response.setStatus(problem.status());
                return person(registrationId, locale, model);
            }
            // Another organizer's tap a moment before ours: the time recorded is theirs, before we asked.
            boolean already = after.attendedAt() != null && after.attendedAt().isBefore(asked.minusSeconds(5));
            outcome = outcome(after.name(), already, after.attendedAt(), zone, locale);
        }
        redirect.addFlashAttribute("outcome", outcome);
        if (name != null && !name.isBlank()) {
            return "redirect:" + UriComponentsBuilder.fromPath("/organizer/check-in/events/{id}")
                    .queryParam("name", "{name}").encode().buildAndExpand(event.id(), name.strip()).toUriString();
        }
        return "redirect:/organizer/check-in/" + registrationId;
    }

    private ResultPage<OrganizerEvents.Event> eventsAtTheDoor(int page) {
        return events.list(AT_THE_DOOR, page, PAGE_SIZE);
    }

    private Outcome outcome(String name, boolean already, Instant at, ZoneId zone, Locale locale) {
        EventTimes.Shown when = times.moment(Optional.ofNullable(at).orElseGet(clock::instant), zone, locale);
        return new Outcome(name, already, when.when(), when.zone());
    }

    private Person person(OrganizerEvents.RosterEntry entry, ZoneId zone, Locale locale) {
        return new Person(entry.id(), entry.name(), entry.email(), entry.institution(), entry.status(),
                attended(entry.attendedAt(), zone, locale));
    }

    private EventTimes.Shown attended(Instant at, ZoneId zone, Locale locale) {
        return at == null ? null : times.moment(at, zone, locale);
    }
}
