package org.redciudades.events.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.redciudades.events.PublishedFacts;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What time does to an event by itself: registration closes, the event ends, late steps are refused. */
@EventsServiceTest
class EventTimelineTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    EventsScenario scenario;
    @Autowired
    Catalogue catalogue;

    @Test
    void an_event_that_has_already_started_cannot_be_announced() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID id = scenario.drafted(EventDraft.workshop().between(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))));

        HttpResponse<String> announced = scenario.act(id, "announcement", null);

        assertThat(announced.statusCode()).isEqualTo(409);
        assertThat(scenario.body(announced).get("type").asString()).endsWith("/event-already-started");
        assertThat(scenario.eventStatus(id)).isEqualTo("DRAFT");
        assertThat(scenario.facts().types(id)).isEmpty();
    }

    @Test
    void an_event_that_has_started_takes_no_registrations_when_the_organizer_set_no_closing_time() {
        UUID id = scenario.announced(EventDraft.workshop());
        scenario.moveEvent(id, Duration.ofMinutes(-1), Duration.ofHours(1));

        HttpResponse<String> late = scenario.register(id, scenario.staff(), "tarde@municipio.example.gt");

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(scenario.body(late).get("type").asString()).endsWith("/registration-closed");
        assertThat(scenario.registrations(id)).isZero();
    }

    @Test
    void registration_closes_at_the_start_and_the_event_completes_at_its_end_by_themselves_each_published_once() {
        Instant start = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plusSeconds(3);
        UUID id = scenario.announced(EventDraft.workshop().between(start, end));
        assertThat(scenario.register(id, scenario.staff(), "a-tiempo@municipio.example.gt").statusCode()).isEqualTo(201);

        await().atMost(PATIENCE).until(() -> !scenario.eventStatus(id).equals("ANNOUNCED"));
        HttpResponse<String> late = scenario.register(id, scenario.staff(), "tarde@municipio.example.gt");
        await().atMost(PATIENCE).until(() -> scenario.eventStatus(id).equals("COMPLETED"));

        assertThat(late.statusCode()).isEqualTo(409);
        PublishedFacts facts = scenario.facts();
        assertThat(facts.types(id)).containsExactly("event.announced", "registration.confirmed",
                "event.registration-closed", "event.completed");
        JsonNode closed = facts.of(id, "event.registration-closed").getFirst();
        JsonNode completed = facts.of(id, "event.completed").getFirst();
        assertThat(Instant.parse(closed.get("closedAt").asString())).as("not before the start").isAfterOrEqualTo(start);
        assertThat(Instant.parse(completed.get("completedAt").asString())).as("not before the end").isAfterOrEqualTo(end);
        assertThat(completed.get("schedule").get("endsAt").asString()).isEqualTo(end.toString());
    }

    @Test
    void passes_running_at_once_as_on_several_instances_close_and_complete_each_event_once() throws Exception {
        Instant start = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(scenario.announced(EventDraft.workshop().between(start, start.plusSeconds(2))));
        }

        try (ExecutorService instances = Executors.newFixedThreadPool(6)) {
            List<Future<?>> passes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                passes.add(instances.submit(() -> await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
                    catalogue.advanceNextDue();
                    return events.stream().allMatch(id -> scenario.eventStatus(id).equals("COMPLETED"));
                })));
            }
            for (Future<?> pass : passes) {
                pass.get();
            }
        }

        PublishedFacts facts = scenario.facts();
        for (UUID id : events) {
            assertThat(facts.types(id)).as("%s", id)
                    .containsExactly("event.announced", "event.registration-closed", "event.completed");
        }
    }

    @Test
    void an_organizers_closing_time_after_the_start_keeps_registration_open_until_then() {
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Instant closes = start.plusSeconds(4);
        UUID id = scenario.announced(EventDraft.workshop().between(start, start.plus(Duration.ofHours(2)))
                .withRegistrationWindow(null, closes.toString()));

        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(start.plusMillis(500)));
        HttpResponse<String> afterStart = scenario.register(id, scenario.staff(), "llega-tarde@municipio.example.gt");
        await().atMost(PATIENCE).until(() -> scenario.eventStatus(id).equals("REGISTRATION_CLOSED"));

        assertThat(afterStart.statusCode()).as(afterStart.body()).isEqualTo(201);
        JsonNode closed = scenario.facts().of(id, "event.registration-closed").getFirst();
        assertThat(Instant.parse(closed.get("closedAt").asString())).isAfterOrEqualTo(closes);
        assertThat(scenario.eventStatus(id)).as("it ends in two hours").isEqualTo("REGISTRATION_CLOSED");
    }

    @Test
    void a_seat_freed_once_the_event_has_started_goes_to_no_one_on_the_waiting_list() {
        UUID id = scenario.announced(EventDraft.workshop().withCapacity(1));
        String seated = EventsScenario.registrationId(scenario.body(
                scenario.register(id, scenario.staff(), "sentada@municipio.example.gt")));
        String waiting = EventsScenario.registrationId(scenario.body(
                scenario.register(id, scenario.staff(), "en-espera@municipio.example.gt")));
        scenario.moveEvent(id, Duration.ofMinutes(-1), Duration.ofHours(1));

        HttpResponse<String> cancelled = scenario.act(seated, "cancellation", scenario.organizer());

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(scenario.body(cancelled).get("promoted").isEmpty()).isTrue();
        assertThat(scenario.status(UUID.fromString(waiting))).isEqualTo("WAITLISTED");
        assertThat(scenario.facts().types(id)).doesNotContain("registration.promoted");
    }
}
