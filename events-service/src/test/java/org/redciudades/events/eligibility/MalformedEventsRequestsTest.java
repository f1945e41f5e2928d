package org.redciudades.events.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.HarmlessRejection;
import org.redciudades.chassis.testing.MalformedRequests;
import org.redciudades.chassis.testing.MalformedRequests.JsonEndpoint;
import org.redciudades.chassis.testing.MalformedRequests.Malformed;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.Capacity;
import org.redciudades.events.EventsScenario.Description;
import org.redciudades.events.EventsScenario.Reason;
import org.redciudades.events.EventsScenario.Schedule;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@EventsServiceTest
class MalformedEventsRequestsTest {

    @Autowired
    EventsScenario scenario;
    @Autowired
    JdbcClient jdbc;

    /** Every body-taking endpoint, and the path-only ones, get junk; each is refused cleanly and nothing changes. */
    @Test
    void hundreds_of_malformed_requests_get_a_4xx_problem_each_and_change_nothing() {
        String junk = Contracts.example("org.redciudades.membership.member.activated.v1");
        List<Malformed> requests = new ArrayList<>();
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/eligibility/members/" + UUID.randomUUID(),
                junk, Set.of()), 64 * 1024));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("PUT", "/api/v1/eligibility/me", junk, Set.of()), 64 * 1024));
        requests.addAll(MalformedRequests.withoutBody("GET", "/api/v1/eligibility/members/{memberId}", 64 * 1024));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/events",
                EventDraft.workshop().json(),
                Set.of("titleEn", "descriptionEs", "descriptionEn", "memberQuota", "capacity", "waitlistEnabled",
                        "requiresApproval")), 64 * 1024));
        requests.addAll(MalformedRequests.withoutBody("GET", "/api/v1/events/{id}", 64 * 1024));
        requests.addAll(MalformedRequests.withoutBody("POST", "/api/v1/events/{id}/announcement", 64 * 1024));
        String event = "/api/v1/events/" + UUID.randomUUID();
        requests.addAll(MalformedRequests.of(new JsonEndpoint("PUT", event + "/description", TestJson.write(
                new Description("Taller", "Workshop", "VIRTUAL", null, "https://meet.example.org/t")), Set.of("titleEn")), 64 * 1024));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", event + "/rescheduling", TestJson.write(
                new Schedule("2027-05-01T10:00:00-06:00", "2027-05-01T12:00:00-06:00", "America/Guatemala")), Set.of()), 64 * 1024));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", event + "/cancellation",
                TestJson.write(new Reason("Lluvias")), Set.of()), 64 * 1024));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("PUT", event + "/capacity",
                TestJson.write(new Capacity(10)), Set.of()), 64 * 1024));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/registrations/" + UUID.randomUUID() + "/rejection",
                TestJson.write(new Reason("Cupo reservado")), Set.of("reason")), 64 * 1024));
        assertThat(requests).hasSizeGreaterThan(200);

        HarmlessRejection.assertRejectedWithoutEffect(scenario.api(), scenario.organizer(),
                requests, jdbc, Set.of("member_eligibility", "processed_event", "contact_fingerprint"));
    }
}
