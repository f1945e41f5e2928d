package org.redciudades.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
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
     * an active institution made, at an announced event, for their own address; and a guest's registration
     * at the same event, with its manage link's token.
     */
    record Owned(UUID event, String registration, String registrationBody, UUID member, String owner,
                 String guestRegistration, String guestToken) {
        static Owned nothing() {
            return new Owned(UUID.fromString(ID), ID, REGISTRATION, UUID.randomUUID(), "not-a-token", ID, "not-a-token");
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
        // Without an account: the manage link's token is the proof, whoever calls (see the test below for a wrong one).
        endpoints.put(Endpoint.open("POST", "/api/v1/events/" + owned.event() + "/guest-registrations", REGISTRATION),
                "/api/v1/events/{eventId}/guest-registrations");
        String guest = "/api/v1/guest-registrations/" + owned.guestRegistration();
        endpoints.put(Endpoint.open("GET", guest + "?token=" + owned.guestToken(), null), "/api/v1/guest-registrations/{id}");
        endpoints.put(Endpoint.open("POST", guest + "/cancellation?token=" + owned.guestToken(), null),
                "/api/v1/guest-registrations/{id}/cancellation");
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
        String guestsEmail = EventsScenario.newAddress("invitada");
        assertThat(scenario.registerAsGuest(event, Registrant.of(guestsEmail)).statusCode()).isEqualTo(202);
        String guest = scenario.activeRegistration(event, guestsEmail);
        Owned owned = new Owned(event, EventsScenario.registrationId(scenario.body(registered)), body, implan.memberId(),
                implan.staff().token(), guest, scenario.manageToken(event, guest));

        SecurityMatrix.verify(scenario.api(),
                SecurityMatrix.withChassisEndpoints(endpoints(owned).keySet().toArray(Endpoint[]::new)),
                new Strangers(scenario.staff(), other.primary().token()));
    }

    /**
     * A guest's registration, to anyone without its own token (another guest's, none, a forged one), whoever
     * they are: not found, to see or to cancel; an organizer's role does not stand in for the link.
     */
    @Test
    void a_guest_registration_is_found_only_with_its_own_manage_token_whoever_calls() {
        UUID event = scenario.announced(EventDraft.workshop());
        String ana = EventsScenario.newAddress("ana");
        String bruno = EventsScenario.newAddress("bruno");
        scenario.registerAsGuest(event, Registrant.of(ana));
        scenario.registerAsGuest(event, Registrant.of(bruno));
        String anas = scenario.activeRegistration(event, ana);
        String brunosToken = scenario.manageToken(event, scenario.activeRegistration(event, bruno));
        String anasToken = scenario.manageToken(event, anas);
        ForStrangers notFound = ForStrangers.problem(404, "registration-not-found");
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("another person", scenario.staff());
        callers.put("an organizer", scenario.organizer());

        SoftAssertions softly = new SoftAssertions();
        callers.forEach((who, token) -> {
            for (String link : new String[] {"?token=" + brunosToken, "", "?token=" + anasToken.toLowerCase()}) {
                notFound.check(softly, who + " GET " + link, scenario.api().get("/api/v1/guest-registrations/" + anas + link, token));
                notFound.check(softly, who + " cancel " + link,
                        scenario.api().post("/api/v1/guest-registrations/" + anas + "/cancellation" + link, token, null));
            }
        });
        softly.assertAll();
        assertThat(scenario.guestRegistration(anas, anasToken).statusCode()).isEqualTo(200);
        assertThat(scenario.status(UUID.fromString(anas))).isEqualTo("CONFIRMED");
    }

    @Test
    void the_matrix_names_every_endpoint_of_the_service() {
        Map<String, String> templates = new LinkedHashMap<>();
        endpoints(Owned.nothing()).forEach((endpoint, template) -> templates.put(endpoint.path(), template));
        SecurityMatrix.assertCoversEveryEndpoint(mappings, List.copyOf(endpoints(Owned.nothing()).keySet()), templates);
    }
}
