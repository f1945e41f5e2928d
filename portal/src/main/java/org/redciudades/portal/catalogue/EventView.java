package org.redciudades.portal.catalogue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

/**
 * An event as a page shows it, in the reader's language and zones.
 *
 * @param title       in the reader's language, else the other one (then {@link Text#lang} says which, for the
 *                    {@code lang} attribute)
 * @param when        start and end in the event's zone, named
 * @param readerWhen  the same in the reader's zone, when its clock reads otherwise; else null
 * @param venue       where, for an in-person or hybrid event; null for a virtual one
 * @param countryName the venue's country in the reader's language
 */
public record EventView(UUID id, Text title, Text description, String type, String modality, String status,
                        EventTimes.Shown when, EventTimes.Shown readerWhen, Instant startsAt,
                        CatalogueEntry.Venue venue, String countryName, Integer seatsLeft, long waitlistLength,
                        boolean waitlistEnabled, boolean membersOnly, boolean requiresApproval,
                        EventTimes.Shown registrationOpens, EventTimes.Shown registrationCloses,
                        String cancellationReason) {

    /** A text and, when it is not in the page's language, the language it is in. */
    public record Text(String value, String lang) {

        public static Text of(String spanish, String english, Locale reader) {
            boolean readsEnglish = "en".equals(reader.getLanguage());
            String wanted = readsEnglish ? english : spanish;
            if (wanted != null && !wanted.isBlank()) {
                return new Text(wanted, null);
            }
            String other = readsEnglish ? spanish : english;
            if (other == null || other.isBlank()) {
                return null;
            }
            return new Text(other, readsEnglish ? "es-MX" : "en");
        }
    }

    public boolean isOpen() {
        return "ANNOUNCED".equals(status);
    }

    public boolean isOnline() {
        return !"IN_PERSON".equals(modality);
    }

    /** Made for {@code reader} in {@code readerZone}: the event's own zone when the reader has none. */
    public static EventView of(CatalogueEntry entry, Locale reader, ZoneId readerZone, EventTimes times, boolean full) {
        ZoneId zone = ZoneId.of(entry.timeZone());
        EventTimes.Shown when = full ? times.full(entry.startsAt(), entry.endsAt(), zone, reader)
                : times.brief(entry.startsAt(), entry.endsAt(), zone, reader);
        EventTimes.Shown readerWhen = null;
        if (readerZone != null && EventTimes.differs(entry.startsAt(), entry.endsAt(), zone, readerZone)) {
            readerWhen = full ? times.full(entry.startsAt(), entry.endsAt(), readerZone, reader)
                    : times.brief(entry.startsAt(), entry.endsAt(), readerZone, reader);
        }
        var venue = "VIRTUAL".equals(entry.modality()) ? null : entry.venue();
        String country = venue == null || venue.country() == null ? null
                : Locale.of("", venue.country()).getDisplayCountry(reader);
        return new EventView(entry.id(), Text.of(entry.titleEs(), entry.titleEn(), reader),
                Text.of(entry.descriptionEs(), entry.descriptionEn(), reader), entry.type(), entry.modality(),
                entry.status(), when, readerWhen, entry.startsAt(), venue, country, entry.seatsLeft(),
                entry.waitlistLength() == null ? 0 : entry.waitlistLength(),
                Boolean.TRUE.equals(entry.waitlistEnabled()), "MEMBERS_ONLY".equals(entry.audience()),
                Boolean.TRUE.equals(entry.requiresApproval()),
                entry.registrationOpensAt() == null || entry.registrationOpensAt().isBefore(Instant.now()) ? null
                        : times.moment(entry.registrationOpensAt(), zone, reader),
                entry.registrationClosesAt() == null ? null : times.moment(entry.registrationClosesAt(), zone, reader),
                entry.cancellationReason());
    }
}
