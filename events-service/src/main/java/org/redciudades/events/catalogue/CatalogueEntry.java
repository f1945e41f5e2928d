package org.redciudades.events.catalogue;

import java.time.Instant;
import java.util.UUID;

/** An event as anyone may see it: no online link, which only confirmed attendees get. */
public record CatalogueEntry(UUID id, EventKind type, String titleEs, String titleEn, String descriptionEs,
                             String descriptionEn, String modality, Venue venue, Instant startsAt, Instant endsAt,
                             String timeZone, int capacity, int seatsLeft, long waitlistLength,
                             boolean waitlistEnabled, Instant registrationOpensAt, Instant registrationClosesAt,
                             String audience, String status) {

    public record Venue(String city, String country, String address) {
    }
}
