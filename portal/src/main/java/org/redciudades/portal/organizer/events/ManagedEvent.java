package org.redciudades.portal.organizer.events;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.catalogue.EventView;

/**
 * An event as the organizers' pages show it, in the reader's language: the title in that language (else the other),
 * both titles as written, the times in the event's zone, the seats, and which steps its status allows now.
 *
 * @param seatsTaken confirmed, attended and pending registrations (a pending one holds its seat)
 */
public record ManagedEvent(UUID id, EventView.Text title, String titleEs, String titleEn, String descriptionEs,
                           String descriptionEn, String type, String status, String modality, String audience,
                           boolean requiresApproval, Integer memberQuota, boolean waitlistEnabled,
                           EventTimes.Shown when, Instant startsAt, String timeZone, String venue, String onlineLink,
                           int capacity, int seatsTaken, int seatsLeft, long waiting,
                           EventTimes.Shown registrationOpens, EventTimes.Shown registrationCloses,
                           EventTimes.Shown cancellationDeadline, String cancellationReason, boolean started,
                           boolean ended) {

    public static ManagedEvent of(OrganizerEvents.Event event, Locale reader, EventTimes times, Instant now) {
        ZoneId zone = ZoneId.of(event.timeZone());
        OrganizerEvents.Venue venue = "VIRTUAL".equals(event.modality()) ? null : event.venue();
        String place = venue == null ? null : String.join(", ", venue.address(), venue.city(),
                Locale.of("", venue.country()).getDisplayCountry(reader));
        return new ManagedEvent(event.id(), EventView.Text.of(event.titleEs(), event.titleEn(), reader),
                event.titleEs(), event.titleEn(), event.descriptionEs(), event.descriptionEn(), event.type(),
                event.status(), event.modality(), event.audience(), event.requiresApproval(), event.memberQuota(),
                event.waitlistEnabled(), times.full(event.startsAt(), event.endsAt(), zone, reader), event.startsAt(),
                event.timeZone(), place, event.onlineLink(), event.capacity(),
                Math.max(0, event.capacity() - event.seatsLeft()), event.seatsLeft(), event.waitlistLength(),
                moment(event.registrationOpensAt(), zone, reader, times),
                moment(event.registrationClosesAt(), zone, reader, times),
                moment(event.cancellationDeadline(), zone, reader, times), event.cancellationReason(),
                !now.isBefore(event.startsAt()), !now.isBefore(event.endsAt()));
    }

    private static EventTimes.Shown moment(Instant instant, ZoneId zone, Locale reader, EventTimes times) {
        return instant == null ? null : times.moment(instant, zone, reader);
    }

    public boolean draft() {
        return "DRAFT".equals(status);
    }

    /** Open, or closed for registration: still to happen as planned. */
    private boolean live() {
        return "ANNOUNCED".equals(status) || "REGISTRATION_CLOSED".equals(status);
    }

    public boolean mayDescribe() {
        return draft() || live();
    }

    public boolean mayAnnounce() {
        return draft() && !started;
    }

    public boolean mayReschedule() {
        return draft() || live();
    }

    public boolean mayChangeCapacity() {
        return draft() || live();
    }

    public boolean mayCloseRegistration() {
        return "ANNOUNCED".equals(status);
    }

    public boolean mayComplete() {
        return live() && started;
    }

    public boolean mayCancel() {
        return (draft() || live()) && !ended;
    }

    public boolean hasRoster() {
        return !draft();
    }

    public boolean mayCheckIn() {
        return live() || "COMPLETED".equals(status);
    }

    public boolean online() {
        return !"IN_PERSON".equals(modality);
    }
}
