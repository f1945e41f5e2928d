package org.redciudades.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.SecurityMatrix;
import org.redciudades.chassis.testing.SecurityMatrix.Endpoint;
import org.redciudades.chassis.testing.SecurityMatrix.ForStrangers;
import org.redciudades.chassis.testing.SecurityMatrix.Strangers;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.events.EventsScenario.Capacity;
import org.redciudades.events.EventsScenario.Description;
import org.redciudades.events.EventsScenario.Institution;
import org.redciudades.events.EventsScenario.Reason;
import org.redciudades.events.EventsScenario.Registrant;
import org.redciudades.events.EventsScenario.Schedule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

@EventsServiceTest
class EventsApiSecurityTest {

    static final String ID = UUID.randomUUID().toString();
    static final String REGISTRATION = TestJson.write(new Registrant("Ana", "ana@municipio.example.gt", "es-MX"));
    static final String DESCRIPTION = TestJson.write(
            new Description("Taller", null, "VIRTUAL", null, "https://meet.example.org/taller"));
    static final String RESCHEDULE = TestJson.write(
            new Schedule("2027-05-01T10:00:00-06:00", "2027-05-01T12:00:00-06:00", "America/Guatemala"));

    @Autowired
    EventsScenario scenario;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /**
     * What the endpoints that touch one person's data are tried on: a registration that a staff person of
     * an active institution made, at an announced event, for their own address.
     */
    record Owned(UUID event, String registration, String registrationBody, UUID member, String owner) {
        static Owned nothing() {
            return new Owned(UUID.fromString(ID), ID, REGISTRATION, UUID.randomUUID(), "not-a-token");
        }
    }

    /** Each endpoint with a concrete path, keyed to its template. */
    static Map<Endpoint, String> endpoints(Owned owned) {
        ForStrangers notFound = ForStrangers.problem(404, "registration-not-found");
        String registration = "/api/v1/registrations/" + owned.registration();
        Map<Endpoint, String> endpoints = new LinkedHashMap<>();
        endpoints.put(Endpoint.open("GET", "/api/v1/events", null), "/api/v1/events");
        endpoints.put(Endpoint.open("GET", "/api/v1/events/" + ID, null), "/api/v1/events/{id}");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events", EventDraft.workshop().json()), "/api/v1/events");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "PUT", "/api/v1/events/" + ID + "/description", DESCRIPTION), "/api/v1/events/{id}/description");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/announcement", null), "/api/v1/events/{id}/announcement");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/rescheduling", RESCHEDULE),
                "/api/v1/events/{id}/rescheduling");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/registration-closure", null), "/api/v1/events/{id}/registration-closure");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/completion", null), "/api/v1/events/{id}/completion");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + ID + "/cancellation", TestJson.write(new Reason("Lluvias"))), "/api/v1/events/{id}/cancellation");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "PUT", "/api/v1/events/" + ID + "/capacity", TestJson.write(new Capacity(10))), "/api/v1/events/{eventId}/capacity");
        // Registering the owner's address again: the owner gets their registration, strangers only a refusal.
        endpoints.put(Endpoint.signedIn("POST", "/api/v1/events/" + owned.event() + "/registrations", owned.registrationBody())
                        .ownedBy(owned.owner(), ForStrangers.problem(409, "already-registered")),
                "/api/v1/events/{eventId}/registrations");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/events/" + ID + "/registrations", null), "/api/v1/events/{eventId}/registrations");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/events/" + ID + "/registrations.csv", null), "/api/v1/events/{eventId}/registrations.csv");
        // A list of one person's registrations: strangers get a list of their own, empty, never a 404.
        endpoints.put(Endpoint.signedIn("GET", "/api/v1/registrations/mine", null)
                        .ownedBy(owned.owner(), emptyPageWithout(owned.registration())),
                "/api/v1/registrations/mine");
        endpoints.put(Endpoint.signedIn("GET", registration, null).ownedBy(owned.owner(), notFound), "/api/v1/registrations/{id}");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/registrations/" + ID + "/approval", null), "/api/v1/registrations/{id}/approval");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/registrations/" + ID + "/rejection", TestJson.write(new Reason("Cupo reservado"))), "/api/v1/registrations/{id}/rejection");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/registrations/" + ID + "/attendance", null), "/api/v1/registrations/{id}/attendance");
        // Last of the registration's endpoints: the owner's own call cancels it.
        endpoints.put(Endpoint.signedIn("POST", registration + "/cancellation", null).ownedBy(owned.owner(), notFound),
                "/api/v1/registrations/{id}/cancellation");
        endpoints.put(Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/eligibility/members/" + ID, null), "/api/v1/eligibility/members/{memberId}");
        endpoints.put(Endpoint.signedIn("GET", "/api/v1/eligibility/me", null)
                        .ownedBy(owned.owner(), ForStrangers.nothingOf(owned.member().toString())),
                "/api/v1/eligibility/me");
        endpoints.put(Endpoint.forRole(Roles.OPS, "GET", "/actuator/prometheus", null), "/actuator/prometheus");
        endpoints.put(Endpoint.open("GET", "/actuator/health/liveness", null), "/actuator/health/liveness");
        endpoints.put(Endpoint.open("GET", "/actuator/health/readiness", null), "/actuator/health/readiness");
        return endpoints;
    }

    /** A stranger's own list, which holds nothing: 200, no items, and nothing of the owner's. */
    static ForStrangers emptyPageWithout(String ownersData) {
        return (softly, description, response) -> {
            softly.assertThat(response.statusCode()).as("%s: %s", description, response.body()).isEqualTo(200);
            if (response.statusCode() == 200) {
                JsonNode page = TestJson.read(response.body());
                softly.assertThat(page.get("items").size()).as("%s items", description).isZero();
                softly.assertThat(page.get("totalItems").asLong()).as("%s totalItems", description).isZero();
            }
            softly.assertThat(response.body()).as("%s shows the owner's data", description).doesNotContain(ownersData);
        };
    }

    @Test
    void every_endpoint_answers_each_kind_of_caller_as_documented() {
        Institution implan = scenario.activeInstitution();
        Institution other = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop());
        String body = TestJson.write(Registrant.of(implan.staff().email()));
        HttpResponse<String> registered = scenario.api().post("/api/v1/events/" + event + "/registrations",
                implan.staff().token(), body);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        Owned owned = new Owned(event, EventsScenario.registrationId(scenario.body(registered)), body, implan.memberId(),
                implan.staff().token());

        SecurityMatrix.verify(scenario.api(),
                SecurityMatrix.withChassisEndpoints(endpoints(owned).keySet().toArray(Endpoint[]::new)),
                new Strangers(scenario.staff(), other.primary().token()));
    }

    @Test
    void the_matrix_names_every_endpoint_of_the_service() {
        Map<String, String> templates = new LinkedHashMap<>();
        endpoints(Owned.nothing()).forEach((endpoint, template) -> templates.put(endpoint.path(), template));
        SecurityMatrix.assertCoversEveryEndpoint(mappings, List.copyOf(endpoints(Owned.nothing()).keySet()), templates);
    }
}
