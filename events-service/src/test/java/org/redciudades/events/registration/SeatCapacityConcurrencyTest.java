package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventsApplication;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two events-service instances on one database, and a burst of registrations at a 100-seat event. */
@EventsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeatCapacityConcurrencyTest {

    /** Someone signed in who is nobody's contact. */
    static final Requester PERSON = new Requester("test-subject", false, null, null);

    static final int CAPACITY = 100;
    static final int PEOPLE = 1_000;

    static final Instant START = Instant.parse("2027-03-10T15:00:00Z");

    @Autowired
    EventsScenario scenario;
    @Autowired
    Registrations first;
    @Autowired
    JdbcClient jdbc;
    @Value("${spring.datasource.url}")
    String databaseUrl;

    ConfigurableApplicationContext secondInstance;
    Registrations second;

    Registrations second() {
        if (secondInstance == null) {
            List<String> properties = new ArrayList<>(List.of(
                    "spring.datasource.url=" + databaseUrl,
                    "spring.datasource.username=postgres",
                    "spring.datasource.password=postgres",
                    "spring.cloud.stream.kafka.binder.brokers=" + RealInfrastructure.kafkaBrokers(),
                    "server.port=0"));
            properties.addAll(TestTokens.properties());
            // Command-line arguments, so that they win over the service's application.yml, as in production.
            secondInstance = new SpringApplicationBuilder(EventsApplication.class)
                    .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
            second = secondInstance.getBean(Registrations.class);
        }
        return second;
    }

    @AfterAll
    void stopSecondInstance() {
        if (secondInstance != null) {
            secondInstance.close();
        }
    }

    @RepeatedTest(3)
    void a_thousand_simultaneous_registrations_through_two_instances_confirm_exactly_the_capacity() throws Exception {
        UUID event = scenario.seededEvent(CAPACITY, START);
        List<Registrations> instances = List.of(first, second());

        List<Future<Registrations.Outcome>> calls = new ArrayList<>();
        try (ExecutorService burst = Executors.newFixedThreadPool(48)) {
            for (int i = 0; i < PEOPLE; i++) {
                Registrations instance = instances.get(i % 2);
                String email = "persona" + i + "@municipio.example.mx";
                calls.add(burst.submit(() -> instance.register(event,
                        new Registrations.Registrant(email, "Persona", "es-MX"), PERSON)));
                if (i % 10 == 0) {   // the same person again, through the other instance
                    Registrations other = instances.get((i + 1) % 2);
                    calls.add(burst.submit(() -> other.register(event,
                            new Registrations.Registrant(email.toUpperCase(), "Persona", "es-MX"), PERSON)));
                }
            }
            for (Future<Registrations.Outcome> call : calls) {
                call.get();
            }
        }

        assertThat(scenario.registrations(event, "CONFIRMED")).isEqualTo(CAPACITY);
        assertThat(scenario.registrations(event, "WAITLISTED")).isEqualTo(PEOPLE - CAPACITY);
        assertThat(jdbc.sql("select count(distinct email) from registration where event_id = :e").param("e", event)
                .query(Long.class).single()).isEqualTo(PEOPLE);
        assertThat(scenario.seatsTaken(event)).isEqualTo(CAPACITY);
        assertThat(published(event, "confirmed")).hasSize(CAPACITY);
        assertThat(published(event, "waitlisted")).hasSize(PEOPLE - CAPACITY);
    }

    @Test
    void thirty_cancellations_promote_the_thirty_oldest_waiting_and_keep_exactly_the_capacity() throws Exception {
        UUID event = scenario.seededEvent(CAPACITY, START);
        for (int i = 0; i < 200; i++) {
            first.register(event, new Registrations.Registrant("asistente" + i + "@municipio.example.mx", "Asistente", "es-MX"), PERSON);
        }
        List<UUID> confirmed = ids(event, "CONFIRMED", "position");
        List<UUID> oldestWaiting = ids(event, "WAITLISTED", "position").subList(0, 30);
        List<UUID> toCancel = new ArrayList<>(confirmed);
        Collections.shuffle(toCancel);

        List<UUID> promoted = Collections.synchronizedList(new ArrayList<>());
        List<Registrations> instances = List.of(first, second());
        try (ExecutorService cancellations = Executors.newFixedThreadPool(10)) {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                UUID id = toCancel.get(i);
                Registrations instance = instances.get(i % 2);
                calls.add(cancellations.submit(() -> promoted.addAll(instance.cancel(id, Requester.anOrganizer()))));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }

        assertThat(scenario.registrations(event, "CONFIRMED")).isEqualTo(CAPACITY);
        assertThat(scenario.seatsTaken(event)).isEqualTo(CAPACITY);
        assertThat(promoted).containsExactlyInAnyOrderElementsOf(oldestWaiting);
        assertThat(first.cancel(toCancel.getFirst(), Requester.anOrganizer())).as("cancelling twice changes nothing").isEmpty();
        assertThat(published(event, "cancelled")).hasSize(30);
        assertThat(published(event, "promoted")).as("each promotion published once")
                .containsExactlyInAnyOrderElementsOf(oldestWaiting.stream().map(UUID::toString).toList());
        for (String fact : List.of("confirmed", "waitlisted", "cancelled", "promoted")) {
            String type = "org.redciudades.events.registration." + fact + ".v1";
            Contracts.assertConforms(type, jdbc.sql(
                    "select payload::text from outbox_event where aggregate_id = :e and event_type = :t limit 1")
                    .param("e", event.toString()).param("t", type).query(String.class).single());
        }
    }

    @Test
    void a_larger_capacity_promotes_at_once_and_a_smaller_one_cancels_no_one() {
        UUID event = scenario.seededEvent(2, START);
        for (int i = 0; i < 5; i++) {
            first.register(event, new Registrations.Registrant("cupo" + i + "@municipio.example.mx", "Asistente", "es-MX"), PERSON);
        }

        assertThat(first.changeCapacity(event, 4)).hasSize(2);
        assertThat(scenario.registrations(event, "CONFIRMED")).isEqualTo(4);
        assertThat(first.changeCapacity(event, 1)).isEmpty();
        assertThat(scenario.registrations(event, "CONFIRMED")).isEqualTo(4);
        first.cancel(ids(event, "CONFIRMED", "position").getFirst(), Requester.anOrganizer());
        assertThat(scenario.registrations(event, "CONFIRMED")).as("no new confirmation while over the new capacity").isEqualTo(3);
        assertThat(scenario.registrations(event, "WAITLISTED")).isEqualTo(1);
    }

    /** The registration ids of the outbox rows of one fact about this event. */
    private List<String> published(UUID event, String fact) {
        return jdbc.sql("select payload->>'registrationId' from outbox_event where aggregate_id = :e and event_type = :t")
                .param("e", event.toString()).param("t", "org.redciudades.events.registration." + fact + ".v1")
                .query(String.class).list();
    }

    private List<UUID> ids(UUID event, String status, String order) {
        return jdbc.sql("select id from registration where event_id = :e and status = :s order by " + order)
                .param("e", event).param("s", status).query(UUID.class).list();
    }
}
