package org.redciudades.events.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventDraft.Venue;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.Description;
import org.redciudades.events.EventsScenario.Reason;
import org.redciudades.events.EventsScenario.Schedule;
import org.redciudades.events.EventsServiceTest;
import org.redciudades.events.PublishedFacts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@EventsServiceTest
class EventLifecycleApiTest {

    static final Schedule NEW_TIMES = new Schedule("2027-04-14T09:00:00-06:00", "2027-04-14T13:00:00-06:00", "America/Guatemala");

    @Autowired
    EventsScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_draft_publishes_nothing_and_each_change_after_the_announcement_publishes_one_fact_in_order() {
        PublishedFacts facts = scenario.facts();
        UUID id = scenario.drafted(EventDraft.workshop());
        HttpResponse<String> edited = scenario.describe(id, new Description("Taller de movilidad urbana editado", null, "HYBRID",
                new Venue("Ciudad de Guatemala", "GT", "6a Avenida 8-72, Zona 1"), "https://meet.example.org/movilidad"));
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(facts.types(id)).as("a draft is private").isEmpty();

        assertThat(scenario.act(id, "announcement", null).statusCode()).isEqualTo(200);
        HttpResponse<String> described = scenario.describe(id, new Description("Taller de calles completas",
                "Complete streets workshop", "VIRTUAL", null, "https://meet.example.org/calles"));
        HttpResponse<String> rescheduled = scenario.act(id, "rescheduling", NEW_TIMES);
        HttpResponse<String> capacity = scenario.resize(id, 40);
        HttpResponse<String> cancelled = scenario.act(id, "cancellation", new Reason("Alerta por lluvias intensas"));

        assertThat(described.statusCode()).isEqualTo(200);
        assertThat(rescheduled.statusCode()).isEqualTo(200);
        assertThat(scenario.body(rescheduled).get("scheduleRevision").asInt()).isEqualTo(1);
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
        UUID id = scenario.announced(EventDraft.workshop());
        scenario.act(id, "cancellation", new Reason("Sede no disponible"));

        HttpResponse<String> registration = scenario.register(id, scenario.staff(), "ana@municipio.example.gt");
        HttpResponse<String> moved = scenario.act(id, "rescheduling", NEW_TIMES);
        JsonNode shown = scenario.body(scenario.api().get("/api/v1/events/" + id, null));

        assertThat(registration.statusCode()).isEqualTo(409);
        assertThat(scenario.body(registration).get("type").asString()).endsWith("/registration-closed");
        assertThat(moved.statusCode()).isEqualTo(409);
        assertThat(scenario.body(moved).get("type").asString()).endsWith("/event-status-conflict");
        assertThat(scenario.body(moved).get("currentStatus").asString()).isEqualTo("CANCELLED");
        assertThat(shown.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(shown.get("cancellationReason").asString()).isEqualTo("Sede no disponible");
        assertThat(scenario.facts().types(id)).containsExactly("event.announced", "event.cancelled");
    }

    @Test
    void closing_registration_stops_new_people_and_an_event_can_be_completed_only_once_started() {
        UUID id = scenario.announced(EventDraft.workshop());

        assertThat(scenario.act(id, "registration-closure", null).statusCode()).isEqualTo(200);
        HttpResponse<String> late = scenario.register(id, scenario.staff(), "luis@municipio.example.gt");
        HttpResponse<String> early = scenario.act(id, "completion", null);

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(scenario.body(early).get("type").asString()).endsWith("/event-not-started");

        scenario.moveEvent(id, java.time.Duration.ofHours(-1), java.time.Duration.ofHours(1));
        HttpResponse<String> held = scenario.act(id, "completion", null);
        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(scenario.body(held).get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void organizers_list_drafts_and_see_the_online_link_which_the_public_never_sees() {
        ApiClient api = scenario.api();
        String organizer = scenario.organizer();
        UUID id = scenario.drafted(EventDraft.workshop());

        JsonNode drafts = scenario.body(api.get("/api/v1/events?status=DRAFT&size=100", organizer));
        JsonNode asPublic = scenario.body(api.get("/api/v1/events?status=DRAFT&size=100", null));
        scenario.act(id, "announcement", null);
        JsonNode publicView = scenario.body(api.get("/api/v1/events/" + id, null));
        JsonNode organizerView = scenario.body(api.get("/api/v1/events/" + id, organizer));

        assertThat(ids(drafts)).contains(id.toString());
        assertThat(ids(asPublic)).as("the public sees announced events only, whatever it asks").doesNotContain(id.toString());
        assertThat(publicView.get("onlineLink").isNull()).isTrue();
        assertThat(organizerView.get("onlineLink").asString()).isEqualTo("https://meet.example.org/movilidad");
    }

    @Test
    void a_reschedule_with_the_end_before_the_start_is_refused_naming_the_field_and_changes_nothing() {
        UUID id = scenario.announced(EventDraft.workshop());

        HttpResponse<String> refused = scenario.act(id, "rescheduling",
                new Schedule("2027-04-14T13:00:00-06:00", "2027-04-14T09:00:00-06:00", "America/Guatemala"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(scenario.body(refused).get("errors").get(0).get("field").asString()).isEqualTo("endsAt");
        assertThat(scenario.facts().types(id)).containsExactly("event.announced");
        assertThat(scenario.body(scenario.api().get("/api/v1/events/" + id, null)).get("startsAt").asString())
                .isEqualTo("2027-03-10T15:00:00Z");
    }

    @Test
    void a_description_whose_registration_closes_after_the_event_ends_is_refused_naming_the_field() {
        UUID id = scenario.announced(EventDraft.workshop());

        HttpResponse<String> refused = scenario.describe(id, new Description("Taller de movilidad urbana", null, "VIRTUAL",
                null, "https://meet.example.org/movilidad").withRegistrationWindow(null, "2027-03-11T09:00:00-06:00"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(scenario.body(refused).get("errors").get(0).get("field").asString()).isEqualTo("registrationClosesAt");
        assertThat(scenario.facts().types(id)).containsExactly("event.announced");
    }

    @Test
    void a_reschedule_that_would_end_the_event_before_its_registration_closes_is_refused_naming_the_field() {
        UUID id = scenario.announced(EventDraft.workshop().withRegistrationWindow(null, "2027-03-09T18:00:00-06:00"));

        HttpResponse<String> refused = scenario.act(id, "rescheduling",
                new Schedule("2027-03-02T09:00:00-06:00", "2027-03-02T13:00:00-06:00", "America/Guatemala"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(scenario.body(refused).get("errors").get(0).get("field").asString()).isEqualTo("endsAt");
        assertThat(scenario.facts().types(id)).containsExactly("event.announced");
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(e -> e.get("id").asString()).toList();
    }
}
