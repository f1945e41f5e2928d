package org.redciudades.notification;

import static org.awaitility.Awaitility.await;
import static org.redciudades.notification.NotificationScenario.PATIENCE;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.SecurityMatrix;
import org.redciudades.chassis.testing.SecurityMatrix.Endpoint;
import org.redciudades.chassis.testing.SecurityMatrix.ForStrangers;
import org.redciudades.chassis.testing.SecurityMatrix.Strangers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@NotificationServiceTest
class NotificationApiSecurityTest {

    static final UUID SOME_ID = UUID.randomUUID();
    static final String PREFERENCES = "{\"announcements\": false, \"reminders\": true}";
    static final String RETRY = "{\"reason\": \"El buzón ya existe\"}";

    @Autowired
    NotificationScenario scenario;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** A person's inbox (one of its messages) and preferences, which the endpoints that touch them are tried on. */
    record Owned(String owner, UUID message) {
    }

    List<Endpoint> endpoints(Owned owned) {
        return SecurityMatrix.withChassisEndpoints(
                Endpoint.forRole(Roles.OPS, "GET", "/api/v1/deliveries", null),
                Endpoint.forRole(Roles.OPS, "GET", "/api/v1/deliveries/" + SOME_ID, null),
                Endpoint.forRole(Roles.OPS, "POST", "/api/v1/deliveries/" + SOME_ID + "/retry", RETRY),
                Endpoint.forRole(Roles.OPS, "GET", "/api/v1/deliveries/" + SOME_ID + "/retries", null),
                Endpoint.signedIn("GET", "/api/v1/inbox", null)
                        .ownedBy(owned.owner(), ForStrangers.nothingOf(owned.message().toString())),
                Endpoint.signedIn("GET", "/api/v1/inbox/unread-count", null),
                Endpoint.signedIn("POST", "/api/v1/inbox/" + owned.message() + "/read", null)
                        .ownedBy(owned.owner(), ForStrangers.problem(404, "inbox-item-not-found")),
                // The owner chose no announcements and no reminders; a stranger sees their own choice.
                Endpoint.signedIn("GET", "/api/v1/preferences", null)
                        .ownedBy(owned.owner(), ForStrangers.nothingOf("\"announcements\":false")),
                Endpoint.signedIn("PUT", "/api/v1/preferences", PREFERENCES)
                        .ownedBy(owned.owner(), ForStrangers.nothingOf(null)),
                Endpoint.open("GET", "/api/v1/unsubscribe", null),
                Endpoint.open("POST", "/api/v1/unsubscribe", null),
                Endpoint.forRole(Roles.OPS, "GET", "/actuator/prometheus", null),
                Endpoint.open("GET", "/actuator/health/liveness", null),
                Endpoint.open("GET", "/actuator/health/readiness", null));
    }

    @Test
    void every_endpoint_answers_each_kind_of_caller_as_documented() {
        String ownersEmail = "bandeja-" + UUID.randomUUID() + "@implan-torreon.example.mx";
        String otherInstitutionsContact = "contacto-" + UUID.randomUUID() + "@muniguate.example.gt";
        scenario.activeMemberWithContact(ownersEmail);
        scenario.activeMemberWithContact(otherInstitutionsContact);
        String owner = scenario.person(ownersEmail);
        await().atMost(PATIENCE).until(() -> scenario.body(scenario.api().get("/api/v1/inbox", owner))
                .get("totalItems").asLong() > 0);
        UUID message = UUID.fromString(scenario.body(scenario.api().get("/api/v1/inbox", owner))
                .get("items").get(0).get("id").asString());
        scenario.put("/api/v1/preferences", owner, new Choice(false, false));

        SecurityMatrix.verify(scenario.api(), endpoints(new Owned(owner, message)),
                new Strangers(scenario.person("otra-persona-" + UUID.randomUUID() + "@municipio.example.gt"),
                        scenario.person(otherInstitutionsContact)));
    }

    @Test
    void the_matrix_names_every_endpoint_of_the_service() {
        Owned nothing = new Owned("not-a-token", SOME_ID);
        SecurityMatrix.assertCoversEveryEndpoint(mappings, endpoints(nothing),
                Map.of("/api/v1/deliveries/" + SOME_ID, "/api/v1/deliveries/{id}",
                        "/api/v1/deliveries/" + SOME_ID + "/retry", "/api/v1/deliveries/{id}/retry",
                        "/api/v1/deliveries/" + SOME_ID + "/retries", "/api/v1/deliveries/{id}/retries",
                        "/api/v1/inbox/" + SOME_ID + "/read", "/api/v1/inbox/{id}/read"));
    }

    record Choice(boolean announcements, boolean reminders) {
    }
}
