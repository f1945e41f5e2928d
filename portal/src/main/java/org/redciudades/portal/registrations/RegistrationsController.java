package org.redciudades.portal.registrations;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.redciudades.portal.catalogue.CatalogueEntry;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.catalogue.EventView;
import org.redciudades.portal.catalogue.EventsCatalogue;
import org.redciudades.portal.security.SignedInPerson;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceProblem;
import org.redciudades.portal.web.ResultPage;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "My registrations": the registrations the signed-in person made, upcoming and past, each with its status in words,
 * its online link once confirmed, its calendar file, and cancelling it (a page that asks first, so it works without
 * JavaScript) while events-service allows it.
 */
@Controller
class RegistrationsController {

    static final int PAGE_SIZE = 20;
    static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar; charset=utf-8");

    private final OwnRegistrations registrations;
    private final EventsCatalogue catalogue;
    private final EventTimes times;
    private final RegistrationCalendar calendars;
    private final ProblemMessages problems;
    private final MessageSource messages;

    RegistrationsController(OwnRegistrations registrations, EventsCatalogue catalogue, EventTimes times,
                            RegistrationCalendar calendars, ProblemMessages problems, MessageSource messages) {
        this.registrations = registrations;
        this.catalogue = catalogue;
        this.times = times;
        this.calendars = calendars;
        this.problems = problems;
        this.messages = messages;
    }

    /** Two tabs, upcoming ({@code /registrations}) and past ({@code ?when=past}), each with its count. */
    @GetMapping("/registrations")
    String mine(@RequestParam(required = false) String when, @RequestParam(defaultValue = "0") int page,
                Locale locale, Authentication authentication, Model model) {
        OwnRegistrations.When shown = "past".equals(when) ? OwnRegistrations.When.PAST : OwnRegistrations.When.UPCOMING;
        OwnRegistrations.When other = shown == OwnRegistrations.When.PAST ? OwnRegistrations.When.UPCOMING
                : OwnRegistrations.When.PAST;
        ResultPage<OwnRegistrations.Entry> list = registrations.page(shown, Math.max(page, 0), PAGE_SIZE);
        long otherCount = registrations.page(other, 0, 1).totalItems();
        ZoneId readerZone = SignedInPerson.from(authentication).flatMap(SignedInPerson::zone).orElse(null);
        model.addAttribute("past", shown == OwnRegistrations.When.PAST);
        model.addAttribute("upcomingCount", shown == OwnRegistrations.When.UPCOMING ? list.totalItems() : otherCount);
        model.addAttribute("pastCount", shown == OwnRegistrations.When.PAST ? list.totalItems() : otherCount);
        model.addAttribute("registrations", list.items().stream()
                .map(entry -> RegistrationView.of(entry, locale, readerZone, times)).toList());
        model.addAttribute("page", list);
        String tab = shown == OwnRegistrations.When.PAST ? "/registrations?when=past&page=" : "/registrations?page=";
        list.addLinks(model, number -> tab + number);
        return "registrations/registrations";
    }

    /** The question before cancelling: which event, when, until when it may be cancelled, and what follows. */
    @GetMapping("/registrations/{id}/cancellation")
    String confirmCancellation(@PathVariable UUID id, Locale locale, Authentication authentication, Model model) {
        return cancellationPage(id, locale, authentication, model);
    }

    @PostMapping("/registrations/{id}/cancellation")
    String cancel(@PathVariable UUID id, Locale locale, Authentication authentication, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        try {
            registrations.cancel(id);
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500 || problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            // A refusal, such as the cancellation deadline having passed: in words, on the page that asked
            model.addAttribute("problem", problems.of(problem, locale));
            response.setStatus(problem.status());
            return cancellationPage(id, locale, authentication, model);
        }
        CatalogueEntry event = catalogue.get(registrations.get(id).registration().eventId());
        redirect.addFlashAttribute("cancelled", EventView.Text.of(event.titleEs(), event.titleEn(), locale).value());
        return "redirect:/registrations";
    }

    /**
     * The registration's calendar file, for a confirmed seat: the same entry as the emailed invitation (UID and
     * SEQUENCE), in the reader's language.
     */
    @GetMapping("/registrations/{id}/calendar.ics")
    ResponseEntity<byte[]> calendar(@PathVariable UUID id, Locale locale) {
        OwnRegistrations.Attendee attendee = registrations.get(id);
        if (!"CONFIRMED".equals(attendee.registration().status())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        CatalogueEntry event = catalogue.get(attendee.registration().eventId());
        String title = EventView.Text.of(event.titleEs(), event.titleEn(), locale).value();
        URI page = ServletUriComponentsBuilder.fromCurrentContextPath().path("/events/{id}").buildAndExpand(event.id())
                .toUri();
        EventView.Text description = EventView.Text.of(event.descriptionEs(), event.descriptionEn(), locale);
        String details = messages.getMessage("mine.calendar.page", new Object[]{page.toString()}, locale);
        String ics = calendars.ics(new RegistrationCalendar.Entry(id,
                event.scheduleRevision() == null ? 0 : event.scheduleRevision(), title,
                description == null ? details : description.value() + "\n\n" + details,
                location(event, attendee.onlineLink(), locale),
                attendee.onlineLink() == null ? page : URI.create(attendee.onlineLink()),
                event.startsAt(), event.endsAt(), event.timeZone()));
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(RegistrationCalendar.fileName(title), StandardCharsets.UTF_8).build().toString())
                .body(ics.getBytes(StandardCharsets.UTF_8));
    }

    /** The venue's address, city and country, for an event with one; else the online link. */
    private static String location(CatalogueEntry event, String onlineLink, Locale locale) {
        CatalogueEntry.Venue venue = "VIRTUAL".equals(event.modality()) ? null : event.venue();
        if (venue == null || venue.city() == null) {
            return onlineLink;
        }
        String country = venue.country() == null ? null : Locale.of("", venue.country()).getDisplayCountry(locale);
        return String.join(", ", Stream.of(venue.address(), venue.city(), country)
                .filter(part -> part != null && !part.isBlank()).toList());
    }

    private String cancellationPage(UUID id, Locale locale, Authentication authentication, Model model) {
        OwnRegistrations.Registration registration = registrations.get(id).registration();
        CatalogueEntry entry = catalogue.get(registration.eventId());
        ZoneId readerZone = SignedInPerson.from(authentication).flatMap(SignedInPerson::zone).orElse(null);
        model.addAttribute("registration", registration);
        model.addAttribute("active", RegistrationView.ACTIVE.contains(registration.status()));
        model.addAttribute("event", EventView.of(entry, locale, readerZone, times, true));
        model.addAttribute("deadline", entry.cancellationDeadline() == null ? null
                : times.moment(entry.cancellationDeadline(), ZoneId.of(entry.timeZone()), locale));
        model.addAttribute("pagePath", "/registrations/" + id + "/cancellation");
        return "registrations/cancellation";
    }
}
