package org.redciudades.events.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.registration.Registrations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
public class CatalogueApiTest {

    /** A hybrid workshop in Guatemala, open for registration as soon as it is announced (no window set). */
    public static final String WORKSHOP = """
            {"type": "WORKSHOP", "titleEs": "Taller de movilidad urbana %s", "titleEn": "Urban mobility workshop",
             "descriptionEs": "Diseño de calles completas.", "descriptionEn": "Complete streets design.",
             "modality": "HYBRID",
             "venue": {"city": "Ciudad de Guatemala", "country": "GT", "address": "6a Avenida 8-72, Zona 1"},
             "onlineLink": "https://meet.example.org/movilidad",
             "startsAt": "2027-03-10T09:00:00-06:00", "endsAt": "2027-03-10T13:00:00-06:00",
             "timeZone": "America/Guatemala", "capacity": 2, "waitlistEnabled": true,
             "audience": "PUBLIC", "memberQuota": 5, "requiresApproval": false}
            """;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    Registrations registrations;
    ApiClient api;
    String organizer;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        organizer = TestTokens.withRole(Roles.ORGANIZER);
    }

    @Test
    void a_draft_is_hidden_until_announced_then_listed_publicly_with_seats_left_and_waiting_list_and_no_online_link() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> drafted = api.post("/api/v1/events", organizer, WORKSHOP.formatted(tag));
        assertThat(drafted.statusCode()).isEqualTo(201);
        String id = json.readTree(drafted.body()).get("id").asString();
        assertThat(api.get("/api/v1/events/" + id, null).statusCode()).isEqualTo(404);

        assertThat(api.post("/api/v1/events/" + id + "/announcement", organizer, null).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            registrations.register(UUID.fromString(id), new Registrations.NewRegistration(
                    "asistente" + i + "@municipio.example.gt", "Asistente", "es-MX", null, "test-subject"));
        }

        JsonNode listed = json.readTree(api.get("/api/v1/events?country=GT&type=WORKSHOP&modality=HYBRID"
                + "&from=2027-03-01T00:00:00Z&to=2027-03-31T00:00:00Z&size=100", null).body());
        JsonNode mine = listed.get("items").valueStream().filter(e -> e.get("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(mine.get("seatsLeft").asInt()).isZero();
        assertThat(mine.get("waitlistLength").asLong()).isEqualTo(1);
        assertThat(mine.get("startsAt").asString()).isEqualTo("2027-03-10T15:00:00Z");
        assertThat(listed.toString()).doesNotContain("meet.example.org");
        assertThat(json.readTree(api.get("/api/v1/events?country=MX&size=100", null).body()).toString()).doesNotContain(id);
        assertThat(json.readTree(api.get("/api/v1/events?from=2027-04-01T00:00:00Z&size=100", null).body()).toString())
                .doesNotContain(id);
    }

    @Test
    void only_a_draft_can_be_announced() {
        String id = json.readTree(api.post("/api/v1/events", organizer, WORKSHOP.formatted("x")).body()).get("id").asString();
        api.post("/api/v1/events/" + id + "/announcement", organizer, null);

        HttpResponse<String> again = api.post("/api/v1/events/" + id + "/announcement", organizer, null);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).get("currentStatus").asString()).isEqualTo("ANNOUNCED");
    }

    @Test
    void a_hybrid_event_without_a_venue_or_with_an_end_before_its_start_is_refused_field_by_field() {
        String bad = WORKSHOP.formatted("y")
                .replace("\"venue\": {\"city\": \"Ciudad de Guatemala\", \"country\": \"GT\", \"address\": \"6a Avenida 8-72, Zona 1\"},", "")
                .replace("\"endsAt\": \"2027-03-10T13:00:00-06:00\"", "\"endsAt\": \"2027-03-10T08:00:00-06:00\"");

        HttpResponse<String> refused = api.post("/api/v1/events", organizer, bad);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("venue", "endsAt");
    }
}
