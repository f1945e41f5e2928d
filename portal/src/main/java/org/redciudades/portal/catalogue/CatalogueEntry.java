package org.redciudades.portal.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as events-service's catalogue answers it (GET /api/v1/events, /api/v1/events/{id}).
 * {@code scheduleRevision} grows with each reschedule (a calendar entry's SEQUENCE); {@code cancellationDeadline}
 * is when registrants may no longer cancel on their own (null: the start).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogueEntry(UUID id, String type, String status, String titleEs, String titleEn, String descriptionEs,
                             String descriptionEn, String modality, Venue venue, Instant startsAt, Instant endsAt,
                             String timeZone, Integer capacity, Integer seatsLeft, Long waitlistLength,
                             Boolean waitlistEnabled, String audience, Boolean requiresApproval,
                             Instant registrationOpensAt, Instant registrationClosesAt, String cancellationReason,
                             Integer scheduleRevision, Instant cancellationDeadline) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Venue(String address, String city, String country) {
    }
}
