package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.web.ProblemException;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventsApplication;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.redciudades.events.catalogue.Catalogue;
import org.redciudades.events.eligibility.MemberEligibility.Status;
import org.redciudades.events.eligibility.StaffContacts.Affiliation;
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
    Catalogue catalogue;
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

    @Test
    void simultaneous_registrations_of_one_institutions_staff_through_two_instances_never_exceed_its_quota() throws Exception {
        UUID event = scenario.seededEvent(CAPACITY, START);
        jdbc.sql("update event set member_quota = 7 where id = :e").param("e", event).update();
        UUID member = UUID.randomUUID();
        Requester staff = new Requester("staff-subject", false, new Affiliation(member, false, Status.ACTIVE), null);
        List<Registrations> instances = List.of(first, second());

        List<Future<Registrations.Outcome>> calls = new ArrayList<>();
        try (ExecutorService burst = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 60; i++) {
                Registrations instance = instances.get(i % 2);
                String email = "personal" + i + "@municipio.example.mx";
                calls.add(burst.submit(() -> instance.register(event,
                        new Registrations.Registrant(email, "Personal", "es-MX"), staff)));
            }
        }
        List<String> refusals = new ArrayList<>();
        for (Future<Registrations.Outcome> call : calls) {
            try {
                call.get();
            } catch (ExecutionException e) {
                refusals.add(((ProblemException) e.getCause()).slug());
            }
        }

        assertThat(jdbc.sql("select count(*) from registration where event_id = :e and member_id = :m")
                .param("e", event).param("m", member).query(Long.class).single()).isEqualTo(7);
        assertThat(refusals).hasSize(53).containsOnly("member-quota-reached");
        assertThat(scenario.seatsTaken(event)).isEqualTo(7);
    }

    @Test
    void registrations_racing_an_organizer_closing_registration_are_each_made_before_the_close_or_refused() throws Exception {
        UUID event = scenario.seededEvent(CAPACITY, START);
        List<Registrations> instances = List.of(first, second());

        List<Future<Registrations.Outcome>> calls = new ArrayList<>();
        try (ExecutorService burst = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 400; i++) {
                Registrations instance = instances.get(i % 2);
                String email = "cierre" + i + "@municipio.example.mx";
                calls.add(burst.submit(() -> instance.register(event,
                        new Registrations.Registrant(email, "Persona", "es-MX"), PERSON)));
                if (i == 150) {
                    burst.submit(() -> catalogue.closeRegistration(event));
                }
            }
        }
        int made = 0;
        List<String> refusals = new ArrayList<>();
        for (Future<Registrations.Outcome> call : calls) {
            try {
                assertThat(call.get().created()).isTrue();
                made++;
            } catch (ExecutionException e) {
                refusals.add(((ProblemException) e.getCause()).slug());
            }
        }

        assertThat(scenario.eventStatus(event)).isEqualTo("REGISTRATION_CLOSED");
        assertThat(refusals).containsOnly("registration-closed");
        assertThat(scenario.registrations(event)).isEqualTo(made);
        assertThat(scenario.seatsTaken(event)).isEqualTo(Math.min(made, CAPACITY));
        long closedAt = jdbc.sql("select position from outbox_event where aggregate_id = :e and event_type = :t")
                .param("e", event.toString()).param("t", "org.redciudades.events.event.registration-closed.v1")
                .query(Long.class).single();
        assertThat(jdbc.sql("select count(*) from outbox_event where aggregate_id = :e and event_type like '%.registration.%'")
                .param("e", event.toString()).query(Long.class).single()).isEqualTo(made);
        assertThat(jdbc.sql("""
                select count(*) from outbox_event where aggregate_id = :e and event_type like '%.registration.%'
                and position > :closed
                """).param("e", event.toString()).param("closed", closedAt).query(Long.class).single())
                .as("registration facts published after the close").isZero();
        assertThat(jdbc.sql("""
                select r.id from registration r join outbox_event o on o.payload->>'registrationId' = r.id::text
                where r.event_id = :e and r.status = 'WAITLISTED' order by o.position
                """).param("e", event).query(UUID.class).list())
                .as("the waiting list's order is the order its facts were published in")
                .isEqualTo(ids(event, "WAITLISTED", "position"));
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
