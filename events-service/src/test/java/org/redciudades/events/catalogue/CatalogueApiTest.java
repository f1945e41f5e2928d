package org.redciudades.events.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@EventsServiceTest
class CatalogueApiTest {

    @Autowired
    EventsScenario scenario;

    @Test
    void a_draft_is_hidden_until_announced_then_listed_publicly_with_seats_left_and_waiting_list_and_no_online_link() {
        ApiClient api = scenario.api();
        HttpResponse<String> drafted = scenario.draft(EventDraft.workshop());
        assertThat(drafted.statusCode()).isEqualTo(201);
        UUID id = UUID.fromString(scenario.body(drafted).get("id").asString());
        assertThat(api.get("/api/v1/events/" + id, null).statusCode()).isEqualTo(404);

        assertThat(scenario.act(id, "announcement", null).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            scenario.registerDirectly(id, "asistente" + i + "@municipio.example.gt", null);
        }

        JsonNode listed = scenario.body(api.get("/api/v1/events?country=GT&type=WORKSHOP&modality=HYBRID"
                + "&from=2027-03-01T00:00:00Z&to=2027-03-31T00:00:00Z&size=100", null));
        JsonNode mine = listed.get("items").valueStream().filter(e -> e.get("id").asString().equals(id.toString()))
                .findFirst().orElseThrow();
        assertThat(mine.get("seatsLeft").asInt()).isZero();
        assertThat(mine.get("waitlistLength").asLong()).isEqualTo(1);
        assertThat(mine.get("startsAt").asString()).isEqualTo("2027-03-10T15:00:00Z");
        assertThat(listed.toString()).doesNotContain("meet.example.org");
        assertThat(scenario.body(api.get("/api/v1/events?country=MX&size=100", null)).toString()).doesNotContain(id.toString());
        assertThat(scenario.body(api.get("/api/v1/events?from=2027-04-01T00:00:00Z&size=100", null)).toString())
                .doesNotContain(id.toString());
    }

    @Test
    void only_a_draft_can_be_announced() {
        UUID id = scenario.announced(EventDraft.workshop());

        HttpResponse<String> again = scenario.act(id, "announcement", null);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(scenario.body(again).get("currentStatus").asString()).isEqualTo("ANNOUNCED");
    }

    @Test
    void a_hybrid_event_without_a_venue_or_with_an_end_before_its_start_is_refused_field_by_field() {
        EventDraft bad = EventDraft.workshop().withoutVenue().endingAt("2027-03-10T08:00:00-06:00");

        HttpResponse<String> refused = scenario.draft(bad);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(scenario.body(refused).get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("venue", "endsAt");
    }
}
