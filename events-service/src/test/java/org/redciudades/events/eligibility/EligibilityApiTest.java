package org.redciudades.events.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class EligibilityApiTest {

    @LocalServerPort
    int port;
    @Autowired
    MemberEligibility eligibility;
    @Autowired
    JsonMapper json;

    @Test
    void staff_prove_membership_by_the_member_id_in_their_token_which_counts_only_if_the_projection_says_active() {
        UUID active = UUID.randomUUID();
        eligibility.activate(active, "IMPLAN Torreón", "MX", Instant.now());
        ApiClient api = new ApiClient(port);

        var ofActive = api.get("/api/v1/eligibility/me", TestTokens.forMember(active));
        var ofUnknown = api.get("/api/v1/eligibility/me", TestTokens.forMember(UUID.randomUUID()));
        var withoutInstitution = api.get("/api/v1/eligibility/me", TestTokens.withRole(Roles.MEMBER));

        assertThat(ofActive.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ofActive.body()).get("eligible").asBoolean()).isTrue();
        assertThat(ofUnknown.statusCode()).isEqualTo(403);
        assertThat(json.readTree(ofUnknown.body()).get("type").asString()).endsWith("/member-not-active");
        assertThat(withoutInstitution.statusCode()).isEqualTo(403);
        assertThat(json.readTree(withoutInstitution.body()).get("type").asString()).endsWith("/no-member-institution");
    }
}
