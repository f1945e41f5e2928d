package org.redciudades.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.SecurityMatrix;
import org.redciudades.chassis.testing.SecurityMatrix.Endpoint;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@NotificationServiceTest
class NotificationApiSecurityTest {

    static final UUID SOME_ID = UUID.randomUUID();
    static final List<String> EVERYONE_SIGNED_IN = List.of(Roles.MEMBER, Roles.ORGANIZER, Roles.OPS);

    @Autowired
    NotificationScenario scenario;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    List<Endpoint> endpoints() {
        return SecurityMatrix.withChassisEndpoints(
                Endpoint.forRole(Roles.OPS, "GET", "/api/v1/deliveries", null),
                Endpoint.forRole(Roles.OPS, "GET", "/api/v1/deliveries/" + SOME_ID, null),
                Endpoint.forRoles(EVERYONE_SIGNED_IN, "GET", "/api/v1/inbox", null),
                Endpoint.forRoles(EVERYONE_SIGNED_IN, "GET", "/api/v1/inbox/unread-count", null),
                Endpoint.forRoles(EVERYONE_SIGNED_IN, "POST", "/api/v1/inbox/" + SOME_ID + "/read", null),
                Endpoint.forRoles(EVERYONE_SIGNED_IN, "GET", "/api/v1/preferences", null),
                Endpoint.forRoles(EVERYONE_SIGNED_IN, "PUT", "/api/v1/preferences", "{\"announcements\": false, \"reminders\": true}"),
                Endpoint.open("GET", "/api/v1/unsubscribe", null),
                Endpoint.open("POST", "/api/v1/unsubscribe", null),
                Endpoint.forRole(Roles.OPS, "GET", "/actuator/prometheus", null),
                Endpoint.open("GET", "/actuator/health/liveness", null),
                Endpoint.open("GET", "/actuator/health/readiness", null));
    }

    @Test
    void every_endpoint_answers_each_kind_of_caller_as_documented() {
        SecurityMatrix.verify(scenario.api(), endpoints());
    }

    @Test
    void the_matrix_names_every_endpoint_of_the_service() {
        SecurityMatrix.assertCoversEveryEndpoint(mappings, endpoints(),
                Map.of("/api/v1/deliveries/" + SOME_ID, "/api/v1/deliveries/{id}",
                        "/api/v1/inbox/" + SOME_ID + "/read", "/api/v1/inbox/{id}/read"));
    }
}
