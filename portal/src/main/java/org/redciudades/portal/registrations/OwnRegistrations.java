package org.redciudades.portal.registrations;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.web.ResultPage;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * events-service's answers about the registrations the signed-in person made, called with their token: the list
 * (upcoming or past), one registration, and cancelling it. events-service decides what the person may see and do.
 */
@Component
class OwnRegistrations {

    /** Events still to end, or ended. */
    enum When { UPCOMING, PAST }

    /** One of the person's registrations, as GET /api/v1/registrations/mine lists it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(UUID id, String status, Integer waitlistPosition, boolean mayCancel, String onlineLink, Event event) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(UUID id, String titleEs, String titleEn, String type, String modality, Instant startsAt,
                 Instant endsAt, String timeZone, Venue venue, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Venue(String city, String country) {
    }

    /** GET /api/v1/registrations/{id}: the registration, and the online link once its seat is confirmed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Attendee(Registration registration, String onlineLink) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Registration(UUID id, UUID eventId, String status, Long position) {
    }

    private final ServiceApis services;

    OwnRegistrations(ServiceApis services) {
        this.services = services;
    }

    /** Upcoming ones soonest first, past ones the most recent first (events-service's order). */
    ResultPage<Entry> page(When when, int page, int size) {
        return services.events().get()
                .uri(uri -> uri.path("/api/v1/registrations/mine").queryParam("when", when)
                        .queryParam("page", page).queryParam("size", size).build())
                .attributes(ServiceApis.asSignedInPerson())
                .retrieve()
                .body(new ParameterizedTypeReference<ResultPage<Entry>>() { });
    }

    Attendee get(UUID id) {
        return services.events().get().uri("/api/v1/registrations/{id}", id)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Attendee.class);
    }

    /** Cancels it as the person who registered: refused (409) once the event's cancellation deadline has passed. */
    void cancel(UUID id) {
        services.events().post().uri("/api/v1/registrations/{id}/cancellation", id)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().toBodilessEntity();
    }
}
