package org.redciudades.events.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.events.EventsScenario.membershipFact;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.redciudades.events.PublishedFacts;
import org.redciudades.events.eligibility.MemberEligibility;
import org.redciudades.events.eligibility.MemberEligibility.Status;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Membership facts, fed from the contract examples through the broker, and what they change here. */
@EventsServiceTest
class MembershipFactsTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    EventsScenario scenario;
    @Autowired
    MemberEligibility eligibility;
    @Autowired
    JdbcClient jdbc;

    @Test
    void suspension_and_expiry_end_eligibility_and_reinstatement_and_renewal_restore_it() {
        UUID member = activeMember();

        scenario.publish(membershipFact("member.suspended", member));
        await().atMost(PATIENCE).until(() -> status(member) == Status.SUSPENDED);
        scenario.publish(membershipFact("member.reinstated", member));
        await().atMost(PATIENCE).until(() -> status(member) == Status.ACTIVE);
        scenario.publish(membershipFact("agreement.expired", member));
        await().atMost(PATIENCE).until(() -> status(member) == Status.EXPIRED);
        scenario.publish(membershipFact("agreement.renewed", member));
        await().atMost(PATIENCE).until(() -> status(member) == Status.ACTIVE);
    }

    @Test
    void a_withdrawal_cancels_the_institutions_upcoming_registrations_publishes_each_and_promotes_the_waiting() {
        UUID member = activeMember();
        UUID upcoming = scenario.seededEvent(1, Instant.parse("2027-06-01T15:00:00Z"));
        UUID past = scenario.seededEvent(5, Instant.now().plus(Duration.ofDays(1)));   // held once registered below
        UUID staffSeat = scenario.registerDirectly(upcoming, "tecnica@implan.example.mx", member);
        UUID waiting = scenario.registerDirectly(upcoming, "vecina@municipio.example.mx", null);
        UUID attendedBefore = registerInThePast(past, "tecnica@implan.example.mx", member);

        scenario.publish(membershipFact("member.withdrawn", member));

        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(scenario.status(staffSeat)));
        assertThat(status(member)).isEqualTo(Status.WITHDRAWN);
        assertThat(scenario.status(waiting)).isEqualTo("CONFIRMED");
        assertThat(scenario.status(attendedBefore)).as("history is kept").isEqualTo("CONFIRMED");
        PublishedFacts facts = scenario.facts();
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
        UUID event = scenario.seededEvent(10, Instant.parse("2027-06-01T15:00:00Z"));
        scenario.publish(membershipFact("contact.added", member)
                .with("/contact/contactId", contact).with("/contact/email", email.toUpperCase()));
        UUID theirs = scenario.registerDirectly(event, email, member);
        UUID someoneElse = scenario.registerDirectly(event, "colega@implan-torreon.example.mx", member);

        scenario.publish(membershipFact("contact.erased", member).with("/contactId", contact));

        await().atMost(PATIENCE).until(() -> jdbc.sql("select email from registration where id = :id").param("id", theirs)
                .query(String.class).single().endsWith("@erased.invalid"));
        assertThat(jdbc.sql("select name from registration where id = :id").param("id", theirs).query(String.class).single()).isEmpty();
        assertThat(scenario.status(theirs)).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select email from registration where id = :id").param("id", someoneElse).query(String.class).single())
                .isEqualTo("colega@implan-torreon.example.mx");
        assertThat(jdbc.sql("select count(*) from contact_fingerprint where contact_id = :id").param("id", contact)
                .query(Long.class).single()).isZero();
    }

    /** Active through the broker, as membership-service would make it. */
    private UUID activeMember() {
        UUID member = UUID.randomUUID();
        scenario.publish(membershipFact("member.activated", member));
        await().atMost(PATIENCE).until(() -> status(member) == Status.ACTIVE);
        return member;
    }

    private Status status(UUID member) {
        return eligibility.find(member).map(MemberEligibility.Entry::status).orElse(null);
    }

    /** A registration at an event already held: its window has closed, so it is opened just for this. */
    private UUID registerInThePast(UUID event, String email, UUID member) {
        jdbc.sql("update event set starts_at = now() + interval '1 day', ends_at = now() + interval '2 days' where id = :id")
                .param("id", event).update();
        UUID id = scenario.registerDirectly(event, email, member);
        jdbc.sql("update event set starts_at = now() - interval '2 days', ends_at = now() - interval '1 day' where id = :id")
                .param("id", event).update();
        return id;
    }
}
