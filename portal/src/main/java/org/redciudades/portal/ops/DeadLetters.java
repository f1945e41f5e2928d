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
 * A service's dead letters (the chassis' {@code /api/v1/ops/dead-letters}), called with the ops person's token: the
 * list, one letter whole, replaying it to its original topic, and discarding it with a reason. The service decides
 * what may be done (only a PENDING letter, else 409 {@code dead-letter-resolved}) and keeps who did it.
 */
@Component
class DeadLetters {

    /** The statuses a letter can have; null in a filter is every one. */
    enum Status { PENDING, REPLAYED, DISCARDED }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Summary(UUID id, String originalTopic, String eventType, String eventId, String errorClass,
                   String errorMessage, Instant receivedAt, Status status) {
    }

    /** One action on a letter: REPLAY, DISCARD or ERASE (personal data scrubbed), who, why and when. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Action(String action, String actor, String reason, Instant actedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Detail(UUID id, String deadLetterTopic, String originalTopic, Integer originalPartition, Long originalOffset,
                  String key, Map<String, String> headers, String data, String eventType, String eventId,
                  String errorClass, String errorMessage, Instant receivedAt, Status status, Instant resolvedAt,
                  String resolvedBy, List<Action> actions) {

        Detail {
            headers = headers == null ? Map.of() : headers;
            actions = actions == null ? List.of() : actions;
        }

        public boolean pending() {
            return status == Status.PENDING;
        }
    }

    record DiscardRequest(String reason) {
    }

    private final ServiceApis services;

    DeadLetters(ServiceApis services) {
        this.services = services;
    }

    /** Newest first. */
    ResultPage<Summary> page(OpsService service, Status status, int page, int size) {
        return service.client(services).get()
                .uri(uri -> uri.path("/api/v1/ops/dead-letters").queryParamIfPresent("status",
                                Optional.ofNullable(status)).queryParam("page", page).queryParam("size", size)
                        .queryParam("sort", "receivedAt,desc").build())
                .attributes(ServiceApis.asSignedInPerson())
                .retrieve()
                .body(new ParameterizedTypeReference<ResultPage<Summary>>() { });
    }

    Detail get(OpsService service, UUID id) {
        return service.client(services).get().uri("/api/v1/ops/dead-letters/{id}", id)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Detail.class);
    }

    Detail replay(OpsService service, UUID id) {
        return service.client(services).post().uri("/api/v1/ops/dead-letters/{id}/replay", id)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Detail.class);
    }

    Detail discard(OpsService service, UUID id, String reason) {
        return service.client(services).post().uri("/api/v1/ops/dead-letters/{id}/discard", id)
                .attributes(ServiceApis.asSignedInPerson()).body(new DiscardRequest(reason)).retrieve()
                .body(Detail.class);
    }
}
