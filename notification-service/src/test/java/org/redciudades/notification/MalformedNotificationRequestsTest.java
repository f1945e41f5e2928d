package org.redciudades.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.HarmlessRejection;
import org.redciudades.chassis.testing.MalformedRequests;
import org.redciudades.chassis.testing.MalformedRequests.JsonEndpoint;
import org.redciudades.chassis.testing.MalformedRequests.Malformed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@NotificationServiceTest
class MalformedNotificationRequestsTest {

    @Autowired
    NotificationScenario scenario;
    @Autowired
    JdbcClient jdbc;

    /**
     * Junk sent to the delivery log and to paths that take no body is refused cleanly. The tables that
     * the consumers and the dispatcher write meanwhile (this context reads the topics from the start) are
     * left out of the comparison.
     */
    @Test
    void hundreds_of_malformed_requests_get_a_4xx_problem_each_and_change_nothing() {
        String junk = Contracts.example("org.redciudades.membership.member.activated.v1");
        List<Malformed> requests = new ArrayList<>();
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/notifications", junk, Set.of()), 64 * 1024));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("PUT", "/actuator/health", junk, Set.of()), 64 * 1024));
        requests.addAll(MalformedRequests.withoutBody("GET", "/api/v1/notifications/{id}", 64 * 1024));
        requests.addAll(MalformedRequests.withoutBody("GET", "/api/v1/deliveries/{id}", 64 * 1024));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/deliveries", junk, Set.of()), 64 * 1024));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("PUT", "/api/v1/preferences",
                "{\"announcements\": false, \"reminders\": true}", Set.of()), 64 * 1024));
        assertThat(requests).hasSizeGreaterThan(200);

        HarmlessRejection.assertRejectedWithoutEffect(scenario.api(), scenario.ops(),
                requests, jdbc, Set.of("notification", "processed_event", "outbox_event", "member", "member_contact",
                        "event_detail", "registrant", "reminder", "inbox_item"));
    }
}
