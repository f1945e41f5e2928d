package org.redciudades.notification.events;

import java.util.Locale;
import java.util.function.Consumer;
import org.redciudades.chassis.envelope.InboundEvent;
import org.redciudades.chassis.inbox.InboundEvents;
import org.redciudades.notification.calendar.CalendarInvites;
import org.redciudades.notification.delivery.MessageCatalog;
import org.redciudades.notification.delivery.Notifications;
import org.redciudades.notification.events.EventFacts.EventAnnounced;
import org.redciudades.notification.events.EventFacts.EventCancelled;
import org.redciudades.notification.events.EventFacts.EventRescheduled;
import org.redciudades.notification.events.EventFacts.RegistrationFact;
import org.redciudades.notification.events.EventFacts.Schedule;
import org.redciudades.notification.events.EventFacts.Title;
import org.redciudades.notification.events.EventFacts.Venue;
import org.redciudades.notification.events.Registrants.EventDetail;
import org.redciudades.notification.events.Registrants.Registrant;
import org.redciudades.notification.events.Registrants.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Messages caused by events-service's facts: each registration outcome to its person, and a reschedule
 * or cancellation to everyone still registered. A seat comes with a calendar invitation whose UID is
 * the registration's, which later messages update or cancel. Each message is queued in the transaction
 * that records the fact as processed, once per (fact, recipient, template).
 */
@Configuration
class EventNotifications {

    private static final String TYPE = "org.redciudades.events.";

    private final Registrants registrants;
    private final Notifications notifications;
    private final MessageCatalog catalog;
    private final CalendarInvites calendars;

    EventNotifications(Registrants registrants, Notifications notifications, MessageCatalog catalog,
                       CalendarInvites calendars) {
        this.registrants = registrants;
        this.notifications = notifications;
        this.catalog = catalog;
        this.calendars = calendars;
    }

    @Bean
    Consumer<Message<byte[]>> eventsEvents(InboundEvents inbound) {
        return inbound.consumer("event-notifications")
                .on(TYPE + "event.announced.v1", EventAnnounced.class, (fact, event) ->
                        registrants.describe(new EventDetail(fact.eventId(), fact.event().title(), fact.event().schedule(),
                                fact.event().modality(), fact.event().venue())))
                .on(TYPE + "registration.confirmed.v1", RegistrationFact.class, (fact, event) -> seat(fact, event, "registration.confirmed"))
                .on(TYPE + "registration.promoted.v1", RegistrationFact.class, (fact, event) -> seat(fact, event, "registration.promoted"))
                .on(TYPE + "registration.approved.v1", RegistrationFact.class, (fact, event) -> seat(fact, event, "registration.approved"))
                .on(TYPE + "registration.waitlisted.v1", RegistrationFact.class, (fact, event) ->
                        waiting(fact, event, Status.WAITLISTED, "registration.waitlisted"))
                .on(TYPE + "registration.pending-approval.v1", RegistrationFact.class, (fact, event) ->
                        waiting(fact, event, Status.PENDING_APPROVAL, "registration.pending-approval"))
                .on(TYPE + "registration.rejected.v1", RegistrationFact.class, (fact, event) -> ended(fact, event, "registration.rejected"))
                .on(TYPE + "registration.cancelled.v1", RegistrationFact.class, (fact, event) -> ended(fact, event, "registration.cancelled"))
                .on(TYPE + "event.rescheduled.v1", EventRescheduled.class, this::rescheduled)
                .on(TYPE + "event.cancelled.v1", EventCancelled.class, this::cancelled)
                .build();
    }

    /** Confirmed, promoted or approved: a seat, with the online link and a calendar invitation. */
    private void seat(RegistrationFact fact, InboundEvent event, String template) {
        EventDetail detail = describe(fact);
        registrants.record(fact, Status.CONFIRMED);
        Registrant person = registrant(fact, Status.CONFIRMED);
        send(event, template, person, detail, linkLine(person, template), calendars.request(invite(person, detail)));
        registrants.markInvited(fact.registrationId());
    }

    private void waiting(RegistrationFact fact, InboundEvent event, Status status, String template) {
        EventDetail detail = describe(fact);
        registrants.record(fact, status);
        send(event, template, registrant(fact, status), detail, "", null);
    }

    /** Rejected or cancelled: the calendar entry, if the person had one, is cancelled too. */
    private void ended(RegistrationFact fact, InboundEvent event, String template) {
        EventDetail detail = describe(fact);
        boolean invited = registrants.end(fact.registrationId());
        registrants.record(fact, Status.ENDED);
        Registrant person = registrant(fact, Status.ENDED);
        String reason = fact.reason() == null ? "" : reasonLine(person, template, fact.reason());
        send(event, template, person, detail, reason, invited ? calendars.cancel(invite(person, detail)) : null);
    }

    private void rescheduled(EventRescheduled fact, InboundEvent event) {
        EventDetail detail = registrants.event(fact.eventId())
                .map(known -> new EventDetail(fact.eventId(), fact.title(), fact.schedule(), known.modality(), known.venue()))
                .orElse(new EventDetail(fact.eventId(), fact.title(), fact.schedule(), null, null));
        registrants.describe(detail);
        for (Registrant person : registrants.active(fact.eventId())) {
            String previous = catalog.when(fact.previous().startsAt(), fact.previous().endsAt(), fact.previous().timeZone(),
                    locale(person, "event.rescheduled"));
            send(event, "event.rescheduled", person, detail, previous,
                    person.invited() ? calendars.request(invite(person, detail)) : null);
        }
    }

    private void cancelled(EventCancelled fact, InboundEvent event) {
        EventDetail detail = registrants.event(fact.eventId())
                .orElse(new EventDetail(fact.eventId(), fact.title(), fact.schedule(), null, null));
        registrants.markCancelled(fact.eventId());
        for (Registrant person : registrants.active(fact.eventId())) {
            registrants.end(person.registrationId());
            String reason = fact.reason() == null ? "" : reasonLine(person, "event.cancelled", fact.reason());
            send(event, "event.cancelled", person, detail, reason,
                    person.invited() ? calendars.cancel(invite(person, detail)) : null);
        }
    }

    /**
     * Queues one message: {0} the person's name, {1} the event's title, {2} when, {3} where, {4} a line
     * that depends on the message (the link, a reason, the previous date), all in the template's language.
     */
    private void send(InboundEvent event, String template, Registrant person, EventDetail detail, String extra,
                      String calendar) {
        Locale locale = locale(person, template);
        Schedule schedule = detail.schedule();
        var message = catalog.render(template, person.email(), locale, person.name(), title(detail.title(), locale),
                catalog.when(schedule.startsAt(), schedule.endsAt(), schedule.timeZone(), locale),
                where(detail, locale), extra);
        notifications.queue(event.id(), calendar == null ? message : message.withCalendar(calendar));
    }

    private EventDetail describe(RegistrationFact fact) {
        EventDetail detail = new EventDetail(fact.eventId(), fact.event().title(), fact.event().schedule(),
                fact.event().modality(), fact.event().venue());
        registrants.describe(detail);
        return detail;
    }

    private static Registrant registrant(RegistrationFact fact, Status status) {
        return new Registrant(fact.registrationId(), fact.eventId(), fact.attendee().email(),
                fact.attendee().name() == null ? "" : fact.attendee().name(),
                fact.attendee().locale(), status, fact.event().onlineLink(), false);
    }

    private CalendarInvites.Invite invite(Registrant person, EventDetail detail) {
        Locale locale = locale(person, "registration.confirmed");
        Schedule schedule = detail.schedule();
        String place = detail.venue() == null ? null : venueText(detail.venue());
        return new CalendarInvites.Invite(person.registrationId(), title(detail.title(), locale),
                catalog.text("calendar.description", locale, title(detail.title(), locale)), place, person.onlineLink(),
                schedule.startsAt(), schedule.endsAt(), schedule.timeZone(), schedule.revision(),
                person.name(), person.email());
    }

    private Locale locale(Registrant person, String template) {
        return catalog.effectiveLocale(template, MessageCatalog.localeOf(person.locale()));
    }

    private String linkLine(Registrant person, String template) {
        return person.onlineLink() == null ? "" : catalog.text("line.online-link", locale(person, template), person.onlineLink());
    }

    private String reasonLine(Registrant person, String template, String reason) {
        return catalog.text("line.reason", locale(person, template), reason);
    }

    private String where(EventDetail detail, Locale locale) {
        String venue = detail.venue() == null ? null : venueText(detail.venue());
        if ("VIRTUAL".equals(detail.modality()) || venue == null) {
            return catalog.text("where.online", locale);
        }
        return "HYBRID".equals(detail.modality()) ? catalog.text("where.hybrid", locale, venue) : venue;
    }

    private static String venueText(Venue venue) {
        return venue.address() + ", " + venue.city() + ", " + venue.country();
    }

    private static String title(Title title, Locale locale) {
        return locale.getLanguage().equals("en") && title.en() != null ? title.en() : title.es();
    }
}
