package org.redciudades.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.SecurityMatrix;
import org.redciudades.chassis.testing.SecurityMatrix.Endpoint;
import org.redciudades.events.catalogue.CatalogueApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class EventsApiSecurityTest {

    static final String ID = UUID.randomUUID().toString();
    static final String REGISTRATION = "{\"name\": \"Ana\", \"email\": \"ana@municipio.example.gt\", \"locale\": \"es-MX\"}";
    static final String DESCRIPTION = """
            {"titleEs": "Taller", "modality": "VIRTUAL", "onlineLink": "https://meet.example.org/taller"}
            """;

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Each endpoint with a concrete path, keyed to its template. */
    static Map<Endpoint, String> endpoints() {
        List<String> organizerOrAttendee = List.of(Roles.ORGANIZER, Roles.MEMBER);
        Map<Endpoint, String> endpoints = new LinkedHashMap<>();
        endpoints.put(Endpoint.open("GET", "/api/v1/events", null), "/api/v1/events");
        endpoints.put(Endpoint.open("GET", "/api/v1/events/" + ID, null), "/api/v1/events/{id}");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events", CatalogueApiTest.WORKSHOP.formatted("matrix")), "/api/v1/events");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "PUT", "/api/v1/events/" + ID + "/description", DESCRIPTION), "/api/v1/events/{id}/description");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/announcement", null), "/api/v1/events/{id}/announcement");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/rescheduling",
                "{\"startsAt\": \"2027-05-01T10:00:00-06:00\", \"endsAt\": \"2027-05-01T12:00:00-06:00\", \"timeZone\": \"America/Guatemala\"}"),
                "/api/v1/events/{id}/rescheduling");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/registration-closure", null), "/api/v1/events/{id}/registration-closure");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/completion", null), "/api/v1/events/{id}/completion");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/cancellation", "{\"reason\": \"Lluvias\"}"), "/api/v1/events/{id}/cancellation");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "PUT", "/api/v1/events/" + ID + "/capacity", "{\"capacity\": 10}"), "/api/v1/events/{eventId}/capacity");
        endpoints.put(Endpoint.forRole(Roles.MEMBER, "POST", "/api/v1/events/" + ID + "/registrations", REGISTRATION), "/api/v1/events/{eventId}/registrations");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/events/" + ID + "/registrations", null), "/api/v1/events/{eventId}/registrations");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/events/" + ID + "/registrations.csv", null), "/api/v1/events/{eventId}/registrations.csv");
        endpoints.put(Endpoint.forRoles(organizerOrAttendee, "GET", "/api/v1/registrations/" + ID, null), "/api/v1/registrations/{id}");
        endpoints.put(Endpoint.forRoles(organizerOrAttendee, "POST", "/api/v1/registrations/" + ID + "/cancellation", null), "/api/v1/registrations/{id}/cancellation");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/registrations/" + ID + "/approval", null), "/api/v1/registrations/{id}/approval");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/registrations/" + ID + "/rejection", "{\"reason\": \"Cupo reservado\"}"), "/api/v1/registrations/{id}/rejection");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/registrations/" + ID + "/attendance", null), "/api/v1/registrations/{id}/attendance");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/eligibility/members/" + ID, null), "/api/v1/eligibility/members/{memberId}");
        endpoints.put(Endpoint.forRole(Roles.MEMBER, "GET", "/api/v1/eligibility/me", null), "/api/v1/eligibility/me");
        endpoints.put(Endpoint.forRole(Roles.OPS, "GET", "/actuator/prometheus", null), "/actuator/prometheus");
        endpoints.put(Endpoint.open("GET", "/actuator/health/liveness", null), "/actuator/health/liveness");
        endpoints.put(Endpoint.open("GET", "/actuator/health/readiness", null), "/actuator/health/readiness");
        return endpoints;
    }

    @Test
    void every_endpoint_answers_each_kind_of_caller_as_documented() {
        SecurityMatrix.verify(new ApiClient(port),
                SecurityMatrix.withChassisEndpoints(endpoints().keySet().toArray(Endpoint[]::new)));
    }

    @Test
    void the_matrix_names_every_endpoint_of_the_service() {
        Map<String, String> templates = new LinkedHashMap<>();
        endpoints().forEach((endpoint, template) -> templates.put(endpoint.path(), template));
        SecurityMatrix.assertCoversEveryEndpoint(mappings, List.copyOf(endpoints().keySet()), templates);
    }
}
