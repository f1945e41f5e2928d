package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.HarmlessRejection;
import org.redciudades.chassis.testing.MalformedRequests;
import org.redciudades.chassis.testing.MalformedRequests.JsonEndpoint;
import org.redciudades.chassis.testing.MalformedRequests.Malformed;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.membership.Application;
import org.redciudades.membership.Application.Contact;
import org.redciudades.membership.MembershipScenario;
import org.redciudades.membership.MembershipScenario.Agreement;
import org.redciudades.membership.MembershipScenario.Reason;
import org.redciudades.membership.MembershipServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@MembershipServiceTest
class MalformedMemberRequestsTest {

    static final int BODY_LIMIT = 64 * 1024;

    @Autowired
    MembershipScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void hundreds_of_malformed_requests_get_a_4xx_problem_each_and_change_nothing() {
        // An approved member, so that an agreement body that were valid by accident would show as a write.
        String approved = scenario.approved(Application.unique());

        List<Malformed> requests = new ArrayList<>();
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/applications",
                Application.implanTorreon().json(), Set.of("institution.website", "contacts[].title")), BODY_LIMIT));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/members/" + approved + "/agreement",
                Agreement.implanTorreon().json(), Set.of("termEnd")), BODY_LIMIT));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/members/" + approved + "/rejection",
                TestJson.write(new Reason("Fuera del ámbito de la Red")), Set.of()), BODY_LIMIT));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/members/" + approved + "/contacts",
                TestJson.write(Contact.jorge(false)), Set.of("title")), BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("DELETE", "/api/v1/members/{id}/contacts/{contactId}", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("GET", "/api/v1/members/{id}", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("GET", "/api/v1/members/{id}/history", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("POST", "/api/v1/members/{id}/suspension", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("POST", "/api/v1/members/{id}/approval", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("POST", "/api/v1/members/{id}/agreement", BODY_LIMIT));
        assertThat(requests).hasSizeGreaterThan(200);

        HarmlessRejection.assertRejectedWithoutEffect(scenario.api(), scenario.organizer(), requests, jdbc, Set.of());
    }
}
