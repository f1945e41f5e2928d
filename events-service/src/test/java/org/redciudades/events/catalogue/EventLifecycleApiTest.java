package org.redciudades.events.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.PublishedFacts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class EventLifecycleApiTest {

    static final String NEW_TIMES = """
            {"startsAt": "2027-04-14T09:00:00-06:00", "endsAt": "2027-04-14T13:00:00-06:00", "timeZone": "America/Guatemala"}
            """;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String organizer;
    PublishedFacts facts;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        organizer = TestTokens.withRole(Roles.ORGANIZER);
        facts = new PublishedFacts(jdbc, json);
    }

    @Test
    void a_draft_publishes_nothing_and_each_change_after_the_announcement_publishes_one_fact_in_order() {
        UUID id = draft();
        HttpResponse<String> edited = api.put("/api/v1/events/" + id + "/description", organizer, """
                        {"titleEs": "Taller de movilidad urbana editado", "modality": "HYBRID",
                         "venue": {"city": "Ciudad de Guatemala", "country": "GT", "address": "6a Avenida 8-72, Zona 1"},
                         "onlineLink": "https://meet.example.org/movilidad"}
                        """);
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(facts.types(id)).as("a draft is private").isEmpty();

        assertThat(post(id, "announcement", null).statusCode()).isEqualTo(200);
        HttpResponse<String> described = api.put("/api/v1/events/" + id + "/description", organizer, """
                        {"titleEs": "Taller de calles completas", "titleEn": "Complete streets workshop",
                         "modality": "VIRTUAL", "onlineLink": "https://meet.example.org/calles"}
                        """);
        HttpResponse<String> rescheduled = post(id, "rescheduling", NEW_TIMES);
        HttpResponse<String> capacity = api.put("/api/v1/events/" + id + "/capacity", organizer, "{\"capacity\": 40}");
        HttpResponse<String> cancelled = post(id, "cancellation", "{\"reason\": \"Alerta por lluvias intensas\"}");

        assertThat(described.statusCode()).isEqualTo(200);
        assertThat(rescheduled.statusCode()).isEqualTo(200);
        assertThat(json.readTree(rescheduled.body()).get("scheduleRevision").asInt()).isEqualTo(1);
        assertThat(capacity.statusCode()).isEqualTo(200);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(facts.types(id)).containsExactly("event.announced", "event.updated", "event.rescheduled",
                "event.capacity-changed", "event.cancelled");

        JsonNode announced = facts.of(id, "event.announced").getFirst();
        assertThat(announced.get("event").get("title").get("es").asString()).startsWith("Taller de movilidad urbana editado");
        assertThat(announced.toString()).as("the announcement never carries the online link").doesNotContain("meet.example.org");
        assertThat(facts.of(id, "event.updated").getFirst().get("event").get("modality").asString()).isEqualTo("VIRTUAL");
        JsonNode moved = facts.of(id, "event.rescheduled").getFirst();
        assertThat(moved.get("previous").get("startsAt").asString()).isEqualTo("2027-03-10T15:00:00Z");
        assertThat(moved.get("schedule").get("startsAt").asString()).isEqualTo("2027-04-14T15:00:00Z");
        assertThat(moved.get("schedule").get("revision").asInt()).isEqualTo(1);
        JsonNode resized = facts.of(id, "event.capacity-changed").getFirst();
        assertThat(resized.get("previousCapacity").asInt()).isEqualTo(2);
        assertThat(resized.get("capacity").asInt()).isEqualTo(40);
        assertThat(facts.of(id, "event.cancelled").getFirst().get("reason").asString()).isEqualTo("Alerta por lluvias intensas");
    }

    @Test
    void a_cancelled_event_takes_no_registrations_and_no_further_changes_and_stays_visible_by_its_link() {
        UUID id = draft();
        post(id, "announcement", null);
        post(id, "cancellation", "{\"reason\": \"Sede no disponible\"}");

        HttpResponse<String> registration = api.post("/api/v1/events/" + id + "/registrations", TestTokens.withRole(Roles.MEMBER),
                "{\"name\": \"Ana\", \"email\": \"ana@municipio.example.gt\", \"locale\": \"es-MX\"}");
        HttpResponse<String> moved = post(id, "rescheduling", NEW_TIMES);
        JsonNode shown = json.readTree(api.get("/api/v1/events/" + id, null).body());

        assertThat(registration.statusCode()).isEqualTo(409);
        assertThat(json.readTree(registration.body()).get("type").asString()).endsWith("/registration-closed");
        assertThat(moved.statusCode()).isEqualTo(409);
        assertThat(json.readTree(moved.body()).get("type").asString()).endsWith("/event-status-conflict");
        assertThat(json.readTree(moved.body()).get("currentStatus").asString()).isEqualTo("CANCELLED");
        assertThat(shown.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(shown.get("cancellationReason").asString()).isEqualTo("Sede no disponible");
        assertThat(facts.types(id)).containsExactly("event.announced", "event.cancelled");
    }

    @Test
    void closing_registration_stops_new_people_and_an_event_can_be_completed_only_once_started() {
        UUID id = draft();
        post(id, "announcement", null);

        assertThat(post(id, "registration-closure", null).statusCode()).isEqualTo(200);
        HttpResponse<String> late = api.post("/api/v1/events/" + id + "/registrations", TestTokens.withRole(Roles.MEMBER),
                "{\"name\": \"Luis\", \"email\": \"luis@municipio.example.gt\", \"locale\": \"es-MX\"}");
        HttpResponse<String> early = post(id, "completion", null);

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json.readTree(early.body()).get("type").asString()).endsWith("/event-not-started");

        jdbc.sql("update event set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = :id")
                .param("id", id).update();
        HttpResponse<String> held = post(id, "completion", null);
        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(json.readTree(held.body()).get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void organizers_list_drafts_and_see_the_online_link_which_the_public_never_sees() {
        UUID id = draft();

        JsonNode drafts = json.readTree(api.get("/api/v1/events?status=DRAFT&size=100", organizer).body());
        JsonNode asPublic = json.readTree(api.get("/api/v1/events?status=DRAFT&size=100", null).body());
        post(id, "announcement", null);
        JsonNode publicView = json.readTree(api.get("/api/v1/events/" + id, null).body());
        JsonNode organizerView = json.readTree(api.get("/api/v1/events/" + id, organizer).body());

        assertThat(ids(drafts)).contains(id.toString());
        assertThat(ids(asPublic)).as("the public sees announced events only, whatever it asks").doesNotContain(id.toString());
        assertThat(publicView.get("onlineLink").isNull()).isTrue();
        assertThat(organizerView.get("onlineLink").asString()).isEqualTo("https://meet.example.org/movilidad");
    }

    @Test
    void a_reschedule_with_the_end_before_the_start_is_refused_naming_the_field_and_changes_nothing() {
        UUID id = draft();
        post(id, "announcement", null);

        HttpResponse<String> refused = post(id, "rescheduling", """
                {"startsAt": "2027-04-14T13:00:00-06:00", "endsAt": "2027-04-14T09:00:00-06:00", "timeZone": "America/Guatemala"}
                """);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("errors").get(0).get("field").asString()).isEqualTo("endsAt");
        assertThat(facts.types(id)).containsExactly("event.announced");
        assertThat(json.readTree(api.get("/api/v1/events/" + id, null).body()).get("startsAt").asString())
                .isEqualTo("2027-03-10T15:00:00Z");
    }

    private UUID draft() {
        HttpResponse<String> drafted = api.post("/api/v1/events", organizer, CatalogueApiTest.WORKSHOP.formatted(UUID.randomUUID()));
        assertThat(drafted.statusCode()).isEqualTo(201);
        return UUID.fromString(json.readTree(drafted.body()).get("id").asString());
    }

    private HttpResponse<String> post(UUID id, String action, String body) {
        return api.post("/api/v1/events/" + id + "/" + action, organizer, body);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(e -> e.get("id").asString()).toList();
    }
}
