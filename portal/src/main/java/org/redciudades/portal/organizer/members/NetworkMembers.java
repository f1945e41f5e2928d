package org.redciudades.portal.organizer.members;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.web.ResultPage;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * membership-service's API as organizers use it, called with their token: searching members, one member with its
 * history, and the steps of its lifecycle. membership-service decides what an organizer may see and do; a refusal comes
 * back as a {@link org.redciudades.portal.services.ServiceProblem}.
 */
@Component
class NetworkMembers {

    /** The statuses of an application still in the organizers' hands, in the order they pass through them. */
    static final List<String> APPLICATION_STATUSES = List.of("SUBMITTED", "UNDER_REVIEW", "APPROVED");
    static final List<String> STATUSES = List.of("SUBMITTED", "UNDER_REVIEW", "APPROVED", "REJECTED", "ACTIVE",
            "SUSPENDED", "EXPIRING", "EXPIRED", "WITHDRAWN");
    static final List<String> KINDS = List.of("MUNICIPALITY", "MUNICIPAL_PLANNING_INSTITUTE", "STATE_AGENCY",
            "UNIVERSITY", "CIVIL_SOCIETY_ORGANISATION", "OTHER");

    /** One row of a search (GET /api/v1/members). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Summary(UUID id, String name, String kind, String country, String region, String city, String status,
                   Instant submittedAt) {
    }

    /** GET /api/v1/members/{id}: the institution, its contacts, its agreement, and what its status allows now. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Member(UUID id, Institution institution, String locale, String timeZone, String status,
                  List<Contact> contacts, Agreement agreement, Instant submittedAt, Set<String> allowedActions) {
        Member {
            contacts = contacts == null ? List.of() : contacts;
            allowedActions = allowedActions == null ? Set.of() : allowedActions;
        }

        public boolean allows(MemberStep step) {
            return allowedActions.contains(step.action());
        }

        public boolean application() {
            return APPLICATION_STATUSES.contains(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Institution(String name, String kind, String country, String region, String city, String website) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contact(UUID id, String name, String email, String title, String locale, boolean primary) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Agreement(UUID id, LocalDate signedOn, LocalDate termStart, LocalDate termEnd, String documentReference,
                     String memberSignatory, String networkSignatory) {
    }

    /** One step of GET /api/v1/members/{id}/history, oldest first; {@code from} is null for the application. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Transition(String from, String to, String actor, String reason, Instant at) {
    }

    /** What a search asks for; a null field does not filter. */
    record Search(String status, String country, String kind, String name) {
    }

    /** The body of a step that asks for a reason. */
    record Reason(String reason) {
    }

    /** The body of recording an agreement or renewing it. */
    record AgreementRequest(LocalDate signedOn, LocalDate termStart, LocalDate termEnd, String documentReference,
                            String memberSignatory, String networkSignatory) {
    }

    private final ServiceApis services;

    NetworkMembers(ServiceApis services) {
        this.services = services;
    }

    ResultPage<Summary> search(Search search, int page, int size, String sort) {
        return services.membership().get()
                .uri(uri -> uri.path("/api/v1/members")
                        .queryParamIfPresent("status", Optional.ofNullable(search.status()))
                        .queryParamIfPresent("country", Optional.ofNullable(search.country()))
                        .queryParamIfPresent("kind", Optional.ofNullable(search.kind()))
                        .queryParamIfPresent("name", Optional.ofNullable(search.name()))
                        .queryParam("page", page).queryParam("size", size).queryParam("sort", sort).build())
                .attributes(ServiceApis.asSignedInPerson())
                .retrieve()
                .body(new ParameterizedTypeReference<ResultPage<Summary>>() { });
    }

    /** How many members have {@code status}. */
    long count(String status) {
        return search(new Search(status, null, null, null), 0, 1, "submittedAt,asc").totalItems();
    }

    Member get(UUID id) {
        return services.membership().get().uri("/api/v1/members/{id}", id)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Member.class);
    }

    List<Transition> history(UUID id) {
        Transition[] steps = services.membership().get().uri("/api/v1/members/{id}/history", id)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Transition[].class);
        return steps == null ? List.of() : List.of(steps);
    }

    /**
     * Takes {@code step} with {@code body} (a {@link Reason}, an {@link AgreementRequest}, or null), under the
     * form's idempotency key, so that a form sent twice (a double click, a reload) takes the step once and gets the
     * same answer again.
     */
    Member take(UUID id, MemberStep step, Object body, String idempotencyKey) {
        RestClient.RequestBodySpec request = services.membership().post()
                .uri("/api/v1/members/{id}/{step}", id, step.path())
                .attributes(ServiceApis.asSignedInPerson());
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().body(Member.class);
    }
}
