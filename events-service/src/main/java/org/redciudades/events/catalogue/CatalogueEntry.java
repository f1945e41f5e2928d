package org.redciudades.events.catalogue;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as the catalogue shows it. {@code onlineLink} is given to organizers only: attendees get it
 * with their confirmation.
 */
public record CatalogueEntry(UUID id, EventKind type, String titleEs, String titleEn, String descriptionEs,
                             String descriptionEn, String modality, Venue venue, String onlineLink, Instant startsAt,
                             Instant endsAt, String timeZone, int scheduleRevision, int capacity, int seatsLeft,
                             long waitlistLength, boolean waitlistEnabled, Instant registrationOpensAt,
                             Instant registrationClosesAt, Instant cancellationDeadline, String audience,
                             Integer memberQuota, boolean requiresApproval, EventStatus status,
                             String cancellationReason) {

    public record Venue(String city, String country, String address) {
    }
}
