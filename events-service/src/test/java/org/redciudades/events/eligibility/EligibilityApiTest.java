package org.redciudades.events.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

@EventsServiceTest
class EligibilityApiTest {

    @Autowired
    EventsScenario scenario;

    @Test
    void staff_prove_membership_by_the_member_id_in_their_token_which_counts_only_if_the_projection_says_active() {
        UUID active = scenario.activeMember();
        ApiClient api = scenario.api();

        var ofActive = api.get("/api/v1/eligibility/me", TestTokens.forMember(active));
        var ofUnknown = api.get("/api/v1/eligibility/me", TestTokens.forMember(UUID.randomUUID()));
        var withoutInstitution = api.get("/api/v1/eligibility/me", scenario.staff());

        assertThat(ofActive.statusCode()).isEqualTo(200);
        assertThat(scenario.body(ofActive).get("eligible").asBoolean()).isTrue();
        assertThat(ofUnknown.statusCode()).isEqualTo(403);
        assertThat(scenario.body(ofUnknown).get("type").asString()).endsWith("/member-not-active");
        assertThat(withoutInstitution.statusCode()).isEqualTo(403);
        assertThat(scenario.body(withoutInstitution).get("type").asString()).endsWith("/no-member-institution");
    }
}
