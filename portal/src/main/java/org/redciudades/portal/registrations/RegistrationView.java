package org.redciudades.portal.registrations;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.catalogue.EventView;

/**
 * One of the person's registrations as "My registrations" shows it, in the reader's language and zones.
 *
 * @param when       the event's start and end in its own zone, named
 * @param readerWhen the same in the reader's zone when its clock reads otherwise; else null
 * @param place      the venue's city and country, for an event with one; else null
 * @param onlineLink once the seat is confirmed, for an online or hybrid event; else null
 * @param calendar   whether it has a calendar file: a confirmed seat, as the emailed invitations have
 */
record RegistrationView(UUID id, UUID eventId, EventView.Text title, String type, String modality,
                        EventTimes.Shown when, EventTimes.Shown readerWhen, Instant startsAt, String place,
                        String status, Integer waitlistPosition, boolean mayCancel, String onlineLink,
                        boolean calendar, boolean eventCancelled) {

    /** Where a registration still holds or waits for a seat. */
    static final Set<String> ACTIVE = Set.of("CONFIRMED", "WAITLISTED", "PENDING_APPROVAL");

    public boolean active() {
        return ACTIVE.contains(status);
    }

    static RegistrationView of(OwnRegistrations.Entry entry, Locale reader, ZoneId readerZone, EventTimes times) {
        OwnRegistrations.Event event = entry.event();
        ZoneId zone = ZoneId.of(event.timeZone());
        EventTimes.Shown readerWhen = readerZone != null
                && EventTimes.differs(event.startsAt(), event.endsAt(), zone, readerZone)
                ? times.brief(event.startsAt(), event.endsAt(), readerZone, reader) : null;
        String place = "VIRTUAL".equals(event.modality()) || event.venue() == null || event.venue().city() == null ? null
                : event.venue().city() + (event.venue().country() == null ? ""
                : ", " + Locale.of("", event.venue().country()).getDisplayCountry(reader));
        return new RegistrationView(entry.id(), event.id(), EventView.Text.of(event.titleEs(), event.titleEn(), reader),
                event.type(), event.modality(), times.brief(event.startsAt(), event.endsAt(), zone, reader), readerWhen,
                event.startsAt(), place, entry.status(), entry.waitlistPosition(), entry.mayCancel(),
                "CONFIRMED".equals(entry.status()) ? entry.onlineLink() : null, "CONFIRMED".equals(entry.status()),
                "CANCELLED".equals(event.status()));
    }
}
