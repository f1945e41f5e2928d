package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@EventsServiceTest
class RegistrationApiTest {

    @Autowired
    EventsScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void people_register_once_each_the_overflow_waits_and_a_cancellation_promotes_the_oldest_waiting() {
        UUID event = scenario.announced(EventDraft.workshop());
        String staff = scenario.staff();

        HttpResponse<String> ana = scenario.register(event, staff, "ana@municipio.example.gt");
        HttpResponse<String> again = scenario.register(event, staff, "ANA@municipio.example.gt");
        scenario.register(event, staff, "bruno@municipio.example.gt");
        HttpResponse<String> carla = scenario.register(event, staff, "carla@municipio.example.gt");

        assertThat(ana.statusCode()).isEqualTo(201);
        assertThat(status(ana)).isEqualTo("CONFIRMED");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(id(again)).isEqualTo(id(ana));
        assertThat(status(carla)).isEqualTo("WAITLISTED");

        HttpResponse<String> cancelled = scenario.act(id(ana), "cancellation", scenario.organizer());
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(scenario.body(cancelled).get("promoted").get(0).asString()).isEqualTo(id(carla));
    }

    @Test
    void after_cancelling_a_person_registers_again_as_a_new_registration_at_the_back_of_the_queue() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1));
        String staff = scenario.staff();
        HttpResponse<String> first = scenario.register(event, staff, "ana@municipio.example.gt");
        scenario.register(event, staff, "bruno@municipio.example.gt");
        HttpResponse<String> carla = scenario.register(event, staff, "carla@municipio.example.gt");
        scenario.act(id(first), "cancellation", staff);

        HttpResponse<String> again = scenario.register(event, staff, "Ana@municipio.example.gt");
        HttpResponse<String> repeat = scenario.register(event, staff, "ana@municipio.example.gt");

        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(id(again)).isNotEqualTo(id(first));
        assertThat(status(again)).as("bruno took the freed seat; carla waits ahead").isEqualTo("WAITLISTED");
        assertThat(scenario.body(again).get("position").asLong()).isGreaterThan(scenario.body(carla).get("position").asLong());
        assertThat(scenario.status(UUID.fromString(id(first)))).as("the old one stays, for the record").isEqualTo("CANCELLED");
        assertThat(repeat.statusCode()).as("a repeat while active returns the new one").isEqualTo(200);
        assertThat(id(repeat)).isEqualTo(id(again));
        assertThat(scenario.facts().of(event, "registration.waitlisted"))
                .extracting(fact -> fact.get("registrationId").asString()).contains(id(again));
    }

    @Test
    void after_a_rejection_a_person_may_ask_again_and_gets_a_new_registration() {
        UUID event = scenario.announced(EventDraft.workshop().withApproval());
        String staff = scenario.staff();
        HttpResponse<String> first = scenario.register(event, staff, "dora@municipio.example.gt");
        scenario.act(id(first), "rejection", scenario.organizer(), new EventsScenario.Reason("Falta el oficio de comisión"));

        HttpResponse<String> again = scenario.register(event, staff, "dora@municipio.example.gt");

        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(id(again)).isNotEqualTo(id(first));
        assertThat(status(again)).isEqualTo("PENDING_APPROVAL");
        assertThat(scenario.facts().types(event)).containsExactly("event.announced", "registration.pending-approval",
                "registration.rejected", "registration.pending-approval");
    }

    @Test
    void one_active_registration_per_email_is_held_by_a_unique_index_on_exactly_the_lifecycles_active_statuses() {
        String index = jdbc.sql("select indexdef from pg_indexes where indexname = 'registration_active_email'")
                .query(String.class).single();

        assertThat(index).startsWith("CREATE UNIQUE INDEX");
        assertThat(Pattern.compile("'([A-Z_]+)'").matcher(index).results().map(match -> match.group(1)))
                .containsExactlyInAnyOrderElementsOf(RegistrationLifecycle.active().stream().map(Enum::name).toList());
    }

    @Test
    void registration_is_refused_outside_its_window_and_before_the_event_is_announced() {
        UUID closed = scenario.announced(EventDraft.workshop()
                .withRegistrationWindow("2025-12-01T00:00:00Z", "2026-01-01T00:00:00Z"));
        UUID draft = scenario.drafted(EventDraft.workshop());

        assertThat(scenario.register(closed, scenario.staff(), "tarde@municipio.example.gt").statusCode()).isEqualTo(409);
        assertThat(scenario.register(draft, scenario.staff(), "pronto@municipio.example.gt").statusCode()).isEqualTo(409);
    }

    private String id(HttpResponse<String> response) {
        return EventsScenario.registrationId(scenario.body(response));
    }

    private String status(HttpResponse<String> response) {
        return scenario.body(response).get("status").asString();
    }
}
