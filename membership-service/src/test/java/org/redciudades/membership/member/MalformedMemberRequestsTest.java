package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.HarmlessRejection;
import org.redciudades.chassis.testing.MalformedRequests;
import org.redciudades.chassis.testing.MalformedRequests.JsonEndpoint;
import org.redciudades.chassis.testing.MalformedRequests.Malformed;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class MalformedMemberRequestsTest {

    static final int BODY_LIMIT = 64 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void hundreds_of_malformed_requests_get_a_4xx_problem_each_and_change_nothing() {
        ApiClient api = new ApiClient(port);
        String organizer = TestTokens.withRole(Roles.ORGANIZER);
        // An approved member, so that an agreement body that were valid by accident would show as a write.
        String approved = json.readTree(api.post("/api/v1/applications", null, MemberOnboardingTest.uniqueApplication())
                .body()).get("id").asString();
        assertThat(api.post("/api/v1/members/" + approved + "/approval", organizer, "").statusCode()).isEqualTo(200);

        List<Malformed> requests = new ArrayList<>();
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/applications",
                MemberOnboardingTest.IMPLAN_TORREON, Set.of("institution.website", "contacts[].title")), BODY_LIMIT));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/members/" + approved + "/agreement",
                MemberOnboardingTest.AGREEMENT, Set.of("termEnd")), BODY_LIMIT));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/members/" + approved + "/rejection",
                "{\"reason\": \"Fuera del ámbito de la Red\"}", Set.of()), BODY_LIMIT));
        requests.addAll(MalformedRequests.of(new JsonEndpoint("POST", "/api/v1/members/" + approved + "/contacts",
                MemberContactsTest.JORGE.formatted("false"), Set.of("title")), BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("DELETE", "/api/v1/members/{id}/contacts/{contactId}", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("GET", "/api/v1/members/{id}", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("GET", "/api/v1/members/{id}/history", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("POST", "/api/v1/members/{id}/suspension", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("POST", "/api/v1/members/{id}/approval", BODY_LIMIT));
        requests.addAll(MalformedRequests.withoutBody("POST", "/api/v1/members/{id}/agreement", BODY_LIMIT));
        assertThat(requests).hasSizeGreaterThan(200);

        HarmlessRejection.assertRejectedWithoutEffect(api, organizer, requests, jdbc, Set.of());
    }
}
