package org.redciudades.portal.ops;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.web.ResultPage;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * notification-service's delivery log ({@code /api/v1/deliveries}), called with the ops person's token: one entry per
 * message, with its status, attempts and last error; a message that failed for good can be sent again, once, with a
 * reason, and each retry is kept (who, why, and the attempts and error it replaced).
 */
@Component
class Deliveries {

    /** The statuses a message can have. */
    enum Status { PENDING, SENT, FAILED, DROPPED }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(UUID id, String sourceEventId, String recipient, String template, String locale, String subject,
                 Status status, int attempts, String lastError, boolean calendarAttached, Instant createdAt,
                 Instant nextAttemptAt, Instant sentAt) {

        public boolean failed() {
            return status == Status.FAILED;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Retry(UUID id, String requestedBy, String reason, int previousAttempts, String previousError,
                 Instant requestedAt) {
    }

    record RetryRequest(String reason) {
    }

    private final ServiceApis services;

    Deliveries(ServiceApis services) {
        this.services = services;
    }

    /** Newest first; a null recipient or status is any. */
    ResultPage<Entry> find(String recipient, Status status, int page, int size) {
        return services.notification().get()
                // The address as a variable, so that it is encoded whole ("+" in "ana+eventos@..." is not a space)
                .uri(uri -> uri.path("/api/v1/deliveries")
                        .queryParamIfPresent("recipient", Optional.ofNullable(recipient).map(given -> "{recipient}"))
                        .queryParamIfPresent("status", Optional.ofNullable(status))
                        .queryParam("page", page).queryParam("size", size).queryParam("sort", "createdAt,desc")
                        .build(recipient == null ? Map.of() : Map.of("recipient", recipient)))
                .attributes(ServiceApis.asSignedInPerson())
                .retrieve()
                .body(new ParameterizedTypeReference<ResultPage<Entry>>() { });
    }

    Entry get(UUID id) {
        return services.notification().get().uri("/api/v1/deliveries/{id}", id)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Entry.class);
    }

    /** Oldest first. */
    List<Retry> retries(UUID id) {
        return services.notification().get().uri("/api/v1/deliveries/{id}/retries", id)
                .attributes(ServiceApis.asSignedInPerson()).retrieve()
                .body(new ParameterizedTypeReference<List<Retry>>() {
                });
    }

    /** Back in the queue with fresh attempts; 409 {@code delivery-not-failed} for a message that did not fail. */
    Entry retry(UUID id, String reason) {
        return services.notification().post().uri("/api/v1/deliveries/{id}/retry", id)
                .attributes(ServiceApis.asSignedInPerson()).body(new RetryRequest(reason)).retrieve()
                .body(Entry.class);
    }
}
