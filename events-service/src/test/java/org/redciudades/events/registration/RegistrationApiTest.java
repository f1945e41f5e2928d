package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.catalogue.CatalogueApiTest;
import org.redciudades.events.eligibility.MemberEligibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class RegistrationApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    MemberEligibility eligibility;
    ApiClient api;
    String organizer;
    String staff;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        organizer = TestTokens.withRole(Roles.ORGANIZER);
        staff = TestTokens.withRole(Roles.MEMBER);
    }

    @Test
    void people_register_once_each_the_overflow_waits_and_a_cancellation_promotes_the_oldest_waiting() {
        String event = announced(CatalogueApiTest.WORKSHOP.formatted(UUID.randomUUID()));

        HttpResponse<String> ana = register(event, staff, "ana@municipio.example.gt");
        HttpResponse<String> again = register(event, staff, "ANA@municipio.example.gt");
        register(event, staff, "bruno@municipio.example.gt");
        HttpResponse<String> carla = register(event, staff, "carla@municipio.example.gt");

        assertThat(ana.statusCode()).isEqualTo(201);
        assertThat(status(ana)).isEqualTo("CONFIRMED");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(id(again)).isEqualTo(id(ana));
        assertThat(status(carla)).isEqualTo("WAITLISTED");

        HttpResponse<String> cancelled = api.post("/api/v1/registrations/" + id(ana) + "/cancellation", organizer, null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json.readTree(cancelled.body()).get("promoted").get(0).asString()).isEqualTo(id(carla));
    }

    @Test
    void a_members_only_event_takes_only_staff_of_institutions_active_in_this_services_projection() {
        UUID active = UUID.randomUUID();
        eligibility.activate(active, "IMPLAN Torreón", "MX", Instant.now());
        String event = announced(CatalogueApiTest.WORKSHOP.formatted(UUID.randomUUID())
                .replace("\"audience\": \"PUBLIC\"", "\"audience\": \"MEMBERS_ONLY\""));

        HttpResponse<String> member = register(event, TestTokens.forMember(active), "mariana@implan.example.mx");
        HttpResponse<String> stranger = register(event, TestTokens.forMember(UUID.randomUUID()), "otra@municipio.example.mx");
        HttpResponse<String> noInstitution = register(event, staff, "sin@municipio.example.mx");

        assertThat(member.statusCode()).isEqualTo(201);
        assertThat(json.readTree(member.body()).get("memberId").asString()).isEqualTo(active.toString());
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(json.readTree(stranger.body()).get("type").asString()).endsWith("/member-not-active");
        assertThat(noInstitution.statusCode()).isEqualTo(403);
        assertThat(json.readTree(noInstitution.body()).get("type").asString()).endsWith("/no-member-institution");
    }

    @Test
    void registration_is_refused_outside_its_window_and_before_the_event_is_announced() {
        String closed = announced(CatalogueApiTest.WORKSHOP.formatted(UUID.randomUUID()).replace("\"audience\"",
                "\"registrationOpensAt\": \"2025-12-01T00:00:00Z\", \"registrationClosesAt\": \"2026-01-01T00:00:00Z\", \"audience\""));
        String draft = json.readTree(api.post("/api/v1/events", organizer,
                CatalogueApiTest.WORKSHOP.formatted(UUID.randomUUID())).body()).get("id").asString();

        assertThat(register(closed, staff, "tarde@municipio.example.gt").statusCode()).isEqualTo(409);
        assertThat(register(draft, staff, "pronto@municipio.example.gt").statusCode()).isEqualTo(409);
    }

    private String announced(String body) {
        String id = json.readTree(api.post("/api/v1/events", organizer, body).body()).get("id").asString();
        assertThat(api.post("/api/v1/events/" + id + "/announcement", organizer, null).statusCode()).isEqualTo(200);
        return id;
    }

    private HttpResponse<String> register(String event, String token, String email) {
        return api.post("/api/v1/events/" + event + "/registrations", token,
                "{\"name\": \"Asistente\", \"email\": \"" + email + "\", \"locale\": \"es-MX\"}");
    }

    private String id(HttpResponse<String> response) {
        return json.readTree(response.body()).get("id").asString();
    }

    private String status(HttpResponse<String> response) {
        JsonNode body = json.readTree(response.body());
        return body.get("status").asString();
    }
}
