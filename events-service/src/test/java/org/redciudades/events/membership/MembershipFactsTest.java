package org.redciudades.events.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.events.PublishedFacts;
import org.redciudades.events.eligibility.MemberEligibility;
import org.redciudades.events.eligibility.MemberEligibility.Status;
import org.redciudades.events.registration.Registrations;
import org.redciudades.events.registration.Registrations.NewRegistration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Membership facts, fed from the contract examples through the broker, and what they change here. */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class MembershipFactsTest {

    static final String EXAMPLE_MEMBER = "0b6f3c1e-8a5d-4c1e-9a57-3f1f7a8d2c10";
    static final String EXAMPLE_CONTACT = "8c4e1a7b-2d9f-4b3e-a5c1-6f0d2e8b9a43";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    MemberEligibility eligibility;
    @Autowired
    Registrations registrations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void suspension_and_expiry_end_eligibility_and_reinstatement_and_renewal_restore_it() {
        UUID member = activeMember();

        send(member, "member.suspended");
        await().atMost(PATIENCE).until(() -> status(member) == Status.SUSPENDED);
        send(member, "member.reinstated");
        await().atMost(PATIENCE).until(() -> status(member) == Status.ACTIVE);
        send(member, "agreement.expired");
        await().atMost(PATIENCE).until(() -> status(member) == Status.EXPIRED);
        send(member, "agreement.renewed");
        await().atMost(PATIENCE).until(() -> status(member) == Status.ACTIVE);
    }

    @Test
    void a_withdrawal_cancels_the_institutions_upcoming_registrations_publishes_each_and_promotes_the_waiting() {
        UUID member = activeMember();
        UUID upcoming = event(1, "2027-06-01T15:00:00Z");
        UUID past = event(5, "2026-01-15T15:00:00Z");
        UUID staffSeat = register(upcoming, "tecnica@implan.example.mx", member);
        UUID waiting = register(upcoming, "vecina@municipio.example.mx", null);
        UUID attendedBefore = register(past, "tecnica@implan.example.mx", member);

        send(member, "member.withdrawn");

        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(registrationStatus(staffSeat)));
        assertThat(status(member)).isEqualTo(Status.WITHDRAWN);
        assertThat(registrationStatus(waiting)).isEqualTo("CONFIRMED");
        assertThat(registrationStatus(attendedBefore)).as("history is kept").isEqualTo("CONFIRMED");
        PublishedFacts facts = new PublishedFacts(jdbc, json);
        JsonNode cancelled = facts.of(upcoming, "registration.cancelled").getFirst();
        assertThat(cancelled.get("registrationId").asString()).isEqualTo(staffSeat.toString());
        assertThat(cancelled.get("cancelledBy").asString()).isEqualTo("MEMBERSHIP_WITHDRAWN");
        assertThat(facts.of(upcoming, "registration.promoted")).singleElement()
                .satisfies(promoted -> assertThat(promoted.get("registrationId").asString()).isEqualTo(waiting.toString()));
    }

    @Test
    void contact_erasure_blanks_that_persons_registrations_and_keeps_their_seats_and_everyone_else() {
        UUID member = activeMember();
        UUID contact = UUID.randomUUID();
        String email = "erase-me-" + contact + "@implan-torreon.example.mx";
        UUID event = event(10, "2027-06-01T15:00:00Z");
        send(member, "contact.added", Contracts.example("org.redciudades.membership.contact.added.v1")
                .replace(EXAMPLE_MEMBER, member.toString()).replace(EXAMPLE_CONTACT, contact.toString())
                .replace("jorge.castaneda@implan-torreon.example.mx", email.toUpperCase()));
        UUID theirs = register(event, email, member);
        UUID someoneElse = register(event, "colega@implan-torreon.example.mx", member);

        send(member, "contact.erased", Contracts.example("org.redciudades.membership.contact.erased.v1")
                .replace(EXAMPLE_MEMBER, member.toString()).replace(EXAMPLE_CONTACT, contact.toString()));

        await().atMost(PATIENCE).until(() -> jdbc.sql("select email from registration where id = :id").param("id", theirs)
                .query(String.class).single().endsWith("@erased.invalid"));
        assertThat(jdbc.sql("select name from registration where id = :id").param("id", theirs).query(String.class).single()).isEmpty();
        assertThat(registrationStatus(theirs)).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select email from registration where id = :id").param("id", someoneElse).query(String.class).single())
                .isEqualTo("colega@implan-torreon.example.mx");
        assertThat(jdbc.sql("select count(*) from contact_fingerprint where contact_id = :id").param("id", contact)
                .query(Long.class).single()).isZero();
    }

    private UUID activeMember() {
        UUID member = UUID.randomUUID();
        send(member, "member.activated");
        await().atMost(PATIENCE).until(() -> status(member) == Status.ACTIVE);
        return member;
    }

    private void send(UUID member, String fact) {
        send(member, fact, Contracts.example("org.redciudades.membership." + fact + ".v1").replace(EXAMPLE_MEMBER, member.toString()));
    }

    private void send(UUID member, String fact, String payload) {
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("membership.member", member.toString(),
                UUID.randomUUID().toString(), "org.redciudades.membership." + fact + ".v1", payload));
    }

    private Status status(UUID member) {
        return eligibility.find(member).map(MemberEligibility.Entry::status).orElse(null);
    }

    private UUID event(int capacity, String startsAt) {
        UUID id = UUID.randomUUID();
        Instant start = Instant.parse(startsAt);
        jdbc.sql("""
                insert into event (id, type, title_es, time_zone, starts_at, ends_at, capacity, waitlist_enabled, status, created_at)
                values (:id, 'WORKSHOP', 'Taller de gobierno abierto', 'America/Monterrey', :start, :end, :capacity, true,
                        'ANNOUNCED', now())
                """)
                .param("id", id).param("start", java.sql.Timestamp.from(start))
                .param("end", java.sql.Timestamp.from(start.plusSeconds(7200))).param("capacity", capacity).update();
        return id;
    }

    /** Registers through the service; past events are registered directly, since their window has closed. */
    private UUID register(UUID event, String email, UUID member) {
        boolean past = jdbc.sql("select starts_at < now() from event where id = :id").param("id", event).query(Boolean.class).single();
        if (past) {
            jdbc.sql("update event set starts_at = now() + interval '1 day', ends_at = now() + interval '2 days' where id = :id")
                    .param("id", event).update();
        }
        UUID id = registrations.register(event, new NewRegistration(email, "Persona", "es-MX", member, "test-subject"))
                .registration().id();
        if (past) {
            jdbc.sql("update event set starts_at = now() - interval '2 days', ends_at = now() - interval '1 day' where id = :id")
                    .param("id", event).update();
        }
        return id;
    }

    private String registrationStatus(UUID registration) {
        return jdbc.sql("select status from registration where id = :id").param("id", registration).query(String.class).single();
    }
}
