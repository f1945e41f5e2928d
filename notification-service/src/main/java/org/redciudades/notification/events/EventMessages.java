package org.redciudades.notification.events;

import java.util.Locale;
import org.redciudades.notification.calendar.CalendarInvites;
import org.redciudades.notification.delivery.MessageCatalog;
import org.redciudades.notification.delivery.Notifications;
import org.redciudades.notification.events.EventFacts.Schedule;
import org.redciudades.notification.events.EventFacts.Title;
import org.redciudades.notification.events.EventFacts.Venue;
import org.redciudades.notification.events.Registrants.EventDetail;
import org.redciudades.notification.events.Registrants.Registrant;
import org.springframework.stereotype.Component;

/**
 * Writes the messages about an event to one registrant: the template's arguments in the template's
 * language, and the calendar invitation when there is one.
 */
@Component
class EventMessages {

    private final Notifications notifications;
    private final MessageCatalog catalog;
    private final CalendarInvites calendars;

    EventMessages(Notifications notifications, MessageCatalog catalog, CalendarInvites calendars) {
        this.notifications = notifications;
        this.catalog = catalog;
        this.calendars = calendars;
    }

    /**
     * The registration code to show at the door, and the address its QR code holds (the portal's check-in page
     * of the registration).
     */
    record CheckIn(String code, String url) {
    }

    /**
     * Queues one message, once per (source, recipient, template): {0} the person's name, {1} the event's
     * title, {2} when, {3} where, {4} a line that depends on the message (the link, a reason, the
     * previous date), {5} the line with the link to see or cancel the registration, for someone who
     * registered without an account ({@code manageLink}; empty for anyone else), {6} the line with the
     * registration code to show at the door ({@code checkIn}; empty without one), after which the HTML part
     * shows its QR code.
     */
    void send(String sourceId, String template, Registrant person, EventDetail detail, String extra, String manageLink,
              CheckIn checkIn, String calendar) {
        Locale locale = locale(person, template);
        Schedule schedule = detail.schedule();
        String checkInLine = checkIn == null ? "" : catalog.text("line.check-in-code", locale, checkIn.code());
        var message = catalog.render(template, person.email(), locale, person.name(), title(detail.title(), locale),
                catalog.when(schedule.startsAt(), schedule.endsAt(), schedule.timeZone(), locale),
                where(detail, locale), extra,
                manageLink == null ? "" : catalog.text("line.manage-registration", locale, manageLink), checkInLine);
        if (checkIn != null) {
            message = message.withQrCode(checkIn.url(), catalog.text("line.check-in-qr", locale, checkIn.code()),
                    checkInLine);
        }
        notifications.queue(sourceId, calendar == null ? message : message.withCalendar(calendar));
    }

    /** The same, with no registration code. */
    void send(String sourceId, String template, Registrant person, EventDetail detail, String extra, String manageLink,
              String calendar) {
        send(sourceId, template, person, detail, extra, manageLink, null, calendar);
    }

    /** The same, with no link to manage the registration. */
    void send(String sourceId, String template, Registrant person, EventDetail detail, String extra, String calendar) {
        send(sourceId, template, person, detail, extra, null, null, calendar);
    }

    /**
     * An announcement to someone who may opt out: its body links to the portal's unsubscribe page
     * ({@code unsubscribePage}), where a person confirms with a button; its {@code List-Unsubscribe}
     * header carries the one-click URL that mail clients POST to ({@code oneClick}, RFC 8058).
     */
    void announce(String sourceId, String email, String name, String localeTag, EventDetail detail,
                  String unsubscribePage, String oneClick) {
        Locale locale = catalog.effectiveLocale("event.announced", MessageCatalog.localeOf(localeTag));
        Schedule schedule = detail.schedule();
        var message = catalog.render("event.announced", email, locale, name, title(detail.title(), locale),
                catalog.when(schedule.startsAt(), schedule.endsAt(), schedule.timeZone(), locale),
                where(detail, locale), catalog.text("line.unsubscribe-announcements", locale, unsubscribePage));
        notifications.queue(sourceId, message.withUnsubscribe(oneClick));
    }

    String request(Registrant person, EventDetail detail) {
        return calendars.request(invite(person, detail));
    }

    String cancel(Registrant person, EventDetail detail) {
        return calendars.cancel(invite(person, detail));
    }

    String when(Schedule schedule, Registrant person, String template) {
        return catalog.when(schedule.startsAt(), schedule.endsAt(), schedule.timeZone(), locale(person, template));
    }

    String linkLine(Registrant person, String template) {
        return person.onlineLink() == null ? "" : catalog.text("line.online-link", locale(person, template), person.onlineLink());
    }

    String reasonLine(Registrant person, String template, String reason) {
        return reason == null ? "" : catalog.text("line.reason", locale(person, template), reason);
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
