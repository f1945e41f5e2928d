package org.redciudades.portal.organizer.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.web.ResultPage;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * events-service's organizer calls, made with the signed-in organizer's token: events of any status, drafting and
 * changing them, each step of their life, the roster and its decisions. events-service checks the role again on every
 * call and decides what each step may do.
 */
@Component
public class OrganizerEvents {

    /** An event as an organizer sees it: drafts too, the online link, the quota. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(UUID id, String type, String status, String titleEs, String titleEn, String descriptionEs,
                        String descriptionEn, String modality, Venue venue, String onlineLink, Instant startsAt,
                        Instant endsAt, String timeZone, int capacity, int seatsLeft, long waitlistLength,
                        boolean waitlistEnabled, String audience, Integer memberQuota, boolean requiresApproval,
                        Instant registrationOpensAt, Instant registrationClosesAt, Instant cancellationDeadline,
                        String cancellationReason, int scheduleRevision) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Venue(String address, String city, String country) {
    }

    /** One line of the roster, with the institution's name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RosterEntry(UUID id, String name, String email, String locale, UUID memberId, String institution,
                              String status, long position, Instant createdAt, Instant attendedAt) {
    }

    /** A registration as the registration's own address answers it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Registration(UUID id, UUID eventId, String name, String email, String status, Instant attendedAt,
                               Instant createdAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Attendee(Registration registration) {
    }

    /** Who got a seat (or a held seat) from the waiting list because of a step. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Promotion(List<UUID> promoted) {
        public int count() {
            return promoted == null ? 0 : promoted.size();
        }
    }

    /** What POST /api/v1/events takes; a field left empty is left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Draft(String type, String titleEs, String titleEn, String descriptionEs, String descriptionEn,
                 String modality, Venue venue, String onlineLink, OffsetDateTime startsAt, OffsetDateTime endsAt,
                 String timeZone, Integer capacity, Boolean waitlistEnabled, OffsetDateTime registrationOpensAt,
                 OffsetDateTime registrationClosesAt, OffsetDateTime cancellationDeadline, String audience,
                 Integer memberQuota, Boolean requiresApproval) {
    }

    /** What PUT /api/v1/events/{id}/description takes; a field left empty is left out (and so cleared). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Description(String titleEs, String titleEn, String descriptionEs, String descriptionEn, String modality,
                       Venue venue, String onlineLink, OffsetDateTime registrationOpensAt,
                       OffsetDateTime registrationClosesAt, OffsetDateTime cancellationDeadline) {
    }

    record Schedule(OffsetDateTime startsAt, OffsetDateTime endsAt, String timeZone) {
    }

    record Capacity(int capacity) {
    }

    record Reason(String reason) {
    }

    private final ServiceApis services;

    OrganizerEvents(ServiceApis services) {
        this.services = services;
    }

    /** Events of these statuses, soonest first. */
    public ResultPage<Event> list(Collection<String> statuses, int page, int size) {
        return services.events().get()
                .uri(uri -> uri.path("/api/v1/events").queryParam("status", statuses.toArray())
                        .queryParam("page", page).queryParam("size", size).queryParam("sort", "startsAt,asc").build())
                .attributes(ServiceApis.asSignedInPerson())
                .retrieve()
                .body(new ParameterizedTypeReference<ResultPage<Event>>() { });
    }

    public Event get(UUID id) {
        return services.events().get().uri("/api/v1/events/{id}", id).attributes(ServiceApis.asSignedInPerson())
                .retrieve().body(Event.class);
    }

    Event draft(Draft draft) {
        return services.events().post().uri("/api/v1/events").attributes(ServiceApis.asSignedInPerson())
                .contentType(MediaType.APPLICATION_JSON).body(draft).retrieve().body(Event.class);
    }

    Event describe(UUID id, Description description) {
        return services.events().put().uri("/api/v1/events/{id}/description", id)
                .attributes(ServiceApis.asSignedInPerson())
                .contentType(MediaType.APPLICATION_JSON).body(description).retrieve().body(Event.class);
    }

    Event reschedule(UUID id, Schedule schedule) {
        return services.events().post().uri("/api/v1/events/{id}/rescheduling", id)
                .attributes(ServiceApis.asSignedInPerson())
                .contentType(MediaType.APPLICATION_JSON).body(schedule).retrieve().body(Event.class);
    }

    Promotion changeCapacity(UUID id, int capacity) {
        return services.events().put().uri("/api/v1/events/{id}/capacity", id)
                .attributes(ServiceApis.asSignedInPerson())
                .contentType(MediaType.APPLICATION_JSON).body(new Capacity(capacity)).retrieve().body(Promotion.class);
    }

    /** A step without a body: {@code announcement}, {@code registration-closure} or {@code completion}. */
    Event step(UUID id, String step) {
        return services.events().post().uri("/api/v1/events/{id}/{step}", id, step)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Event.class);
    }

    Event cancel(UUID id, String reason) {
        return services.events().post().uri("/api/v1/events/{id}/cancellation", id)
                .attributes(ServiceApis.asSignedInPerson())
                .contentType(MediaType.APPLICATION_JSON).body(new Reason(reason)).retrieve().body(Event.class);
    }

    /** The roster: of one status or all, and only those {@code q} finds (a name, an email, a registration code). */
    public ResultPage<RosterEntry> roster(UUID eventId, String status, String q, int page, int size) {
        return services.events().get()
                .uri(uri -> {
                    var builder = uri.path("/api/v1/events/{id}/registrations")
                            .queryParam("page", page).queryParam("size", size);
                    if (status != null) {
                        builder.queryParam("status", status);
                    }
                    if (q != null && !q.isBlank()) {
                        builder.queryParam("q", q.strip());
                    }
                    return builder.build(eventId);
                })
                .attributes(ServiceApis.asSignedInPerson())
                .retrieve()
                .body(new ParameterizedTypeReference<ResultPage<RosterEntry>>() { });
    }

    /** How many registrations of {@code status} the event has. */
    long count(UUID eventId, String status) {
        return roster(eventId, status, null, 0, 1).totalItems();
    }

    /** The roster as events-service's CSV file, with its headers (type, file name). */
    ResponseEntity<byte[]> rosterCsv(UUID eventId) {
        return services.events().get().uri("/api/v1/events/{id}/registrations.csv", eventId)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().toEntity(byte[].class);
    }

    public Registration registration(UUID id) {
        return services.events().get().uri("/api/v1/registrations/{id}", id).attributes(ServiceApis.asSignedInPerson())
                .retrieve().body(Attendee.class).registration();
    }

    Registration approve(UUID registrationId) {
        return services.events().post().uri("/api/v1/registrations/{id}/approval", registrationId)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Registration.class);
    }

    Promotion reject(UUID registrationId, String reason) {
        return services.events().post().uri("/api/v1/registrations/{id}/rejection", registrationId)
                .attributes(ServiceApis.asSignedInPerson())
                .contentType(MediaType.APPLICATION_JSON).body(new Reason(reason)).retrieve().body(Promotion.class);
    }

    /** Check-in: CONFIRMED → ATTENDED; recording it again changes nothing and answers the registration as it is. */
    public Registration recordAttendance(UUID registrationId) {
        return services.events().post().uri("/api/v1/registrations/{id}/attendance", registrationId)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Registration.class);
    }
}
