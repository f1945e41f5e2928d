package org.redciudades.events.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@EventsServiceTest
class MemberEligibilityProjectionTest {

    static final String ACTIVATED = "org.redciudades.membership.member.activated.v1";
    static final UUID EXAMPLE_MEMBER = UUID.fromString("0b6f3c1e-8a5d-4c1e-9a57-3f1f7a8d2c10");

    @Autowired
    MemberEligibility eligibility;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void an_activated_member_from_the_contract_example_becomes_eligible_and_a_redelivery_changes_nothing() {
        String eventId = UUID.randomUUID().toString();
        ContractExample activated = ContractExample.of(ACTIVATED);
        activated.publish(EventsScenario.MEMBERSHIP_TOPIC, EXAMPLE_MEMBER.toString(), eventId);

        await().atMost(Duration.ofSeconds(30)).until(() -> eligibility.find(EXAMPLE_MEMBER).isPresent());
        var entry = eligibility.find(EXAMPLE_MEMBER).orElseThrow();
        assertThat(entry.eligible()).isTrue();
        assertThat(entry.country()).isEqualTo("MX");

        jdbc.sql("update member_eligibility set name = 'changed only by a second effect' where member_id = :id")
                .param("id", EXAMPLE_MEMBER).update();
        activated.publish(EventsScenario.MEMBERSHIP_TOPIC, EXAMPLE_MEMBER.toString(), eventId);

        await().atMost(Duration.ofSeconds(30)).until(() -> meters.counter("inbox.events", "consumer", "member-eligibility",
                "type", ACTIVATED, "outcome", "duplicate").count() == 1);
        assertThat(eligibility.find(EXAMPLE_MEMBER).orElseThrow().name()).isEqualTo("changed only by a second effect");
    }
}
