package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** Two events-service instances on one database, and a burst of registrations at a 100-seat event. */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeatCapacityConcurrencyTest {

    static final int CAPACITY = 100;
    static final int PEOPLE = 1_000;

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
        UUID event = announcedEvent(CAPACITY);
        List<Registrations> instances = List.of(first, second());

        List<Future<Registrations.Outcome>> calls = new ArrayList<>();
        try (ExecutorService burst = Executors.newFixedThreadPool(48)) {
            for (int i = 0; i < PEOPLE; i++) {
                Registrations instance = instances.get(i % 2);
                String email = "persona" + i + "@municipio.example.mx";
                calls.add(burst.submit(() -> instance.register(event,
                        new Registrations.NewRegistration(email, "Persona", "es-MX", null, "test-subject"))));
                if (i % 10 == 0) {   // the same person again, through the other instance
                    Registrations other = instances.get((i + 1) % 2);
                    calls.add(burst.submit(() -> other.register(event,
                            new Registrations.NewRegistration(email.toUpperCase(), "Persona", "es-MX", null, "test-subject"))));
                }
            }
            for (Future<Registrations.Outcome> call : calls) {
                call.get();
            }
        }

        assertThat(count(event, "CONFIRMED")).isEqualTo(CAPACITY);
        assertThat(count(event, "WAITLISTED")).isEqualTo(PEOPLE - CAPACITY);
        assertThat(jdbc.sql("select count(distinct email) from registration where event_id = :e").param("e", event)
                .query(Long.class).single()).isEqualTo(PEOPLE);
        assertThat(seatsTaken(event)).isEqualTo(CAPACITY);
        assertThat(published(event, "confirmed")).hasSize(CAPACITY);
        assertThat(published(event, "waitlisted")).hasSize(PEOPLE - CAPACITY);
    }

    @Test
    void thirty_cancellations_promote_the_thirty_oldest_waiting_and_keep_exactly_the_capacity() throws Exception {
        UUID event = announcedEvent(CAPACITY);
        for (int i = 0; i < 200; i++) {
            first.register(event, new Registrations.NewRegistration("asistente" + i + "@municipio.example.mx", "Asistente", "es-MX", null, "test-subject"));
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
                calls.add(cancellations.submit(() -> promoted.addAll(instance.cancel(id, Registrations.Canceller.organizer()))));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }

        assertThat(count(event, "CONFIRMED")).isEqualTo(CAPACITY);
        assertThat(seatsTaken(event)).isEqualTo(CAPACITY);
        assertThat(promoted).containsExactlyInAnyOrderElementsOf(oldestWaiting);
        assertThat(first.cancel(toCancel.getFirst(), Registrations.Canceller.organizer())).as("cancelling twice changes nothing").isEmpty();
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
        UUID event = announcedEvent(2);
        for (int i = 0; i < 5; i++) {
            first.register(event, new Registrations.NewRegistration("cupo" + i + "@municipio.example.mx", "Asistente", "es-MX", null, "test-subject"));
        }

        assertThat(first.changeCapacity(event, 4)).hasSize(2);
        assertThat(count(event, "CONFIRMED")).isEqualTo(4);
        assertThat(first.changeCapacity(event, 1)).isEmpty();
        assertThat(count(event, "CONFIRMED")).isEqualTo(4);
        first.cancel(ids(event, "CONFIRMED", "position").getFirst(), Registrations.Canceller.organizer());
        assertThat(count(event, "CONFIRMED")).as("no new confirmation while over the new capacity").isEqualTo(3);
        assertThat(count(event, "WAITLISTED")).isEqualTo(1);
    }

    private UUID announcedEvent(int capacity) {
        UUID id = UUID.randomUUID();
        Instant start = Instant.parse("2027-03-10T15:00:00Z");
        jdbc.sql("""
                insert into event (id, type, title_es, time_zone, starts_at, ends_at, capacity, waitlist_enabled, status, created_at)
                values (:id, 'WORKSHOP', 'Taller de movilidad urbana', 'America/Mexico_City', :start, :end, :capacity, true,
                        'ANNOUNCED', now())
                """)
                .param("id", id).param("start", Timestamp.from(start)).param("end", Timestamp.from(start.plusSeconds(7200)))
                .param("capacity", capacity).update();
        return id;
    }

    /** The registration ids of the outbox rows of one fact about this event. */
    private List<String> published(UUID event, String fact) {
        return jdbc.sql("select payload->>'registrationId' from outbox_event where aggregate_id = :e and event_type = :t")
                .param("e", event.toString()).param("t", "org.redciudades.events.registration." + fact + ".v1")
                .query(String.class).list();
    }

    private long count(UUID event, String status) {
        return jdbc.sql("select count(*) from registration where event_id = :e and status = :s")
                .param("e", event).param("s", status).query(Long.class).single();
    }

    private int seatsTaken(UUID event) {
        return jdbc.sql("select seats_taken from event where id = :e").param("e", event).query(Integer.class).single();
    }

    private List<UUID> ids(UUID event, String status, String order) {
        return jdbc.sql("select id from registration where event_id = :e and status = :s order by " + order)
                .param("e", event).param("s", status).query(UUID.class).list();
    }
}
