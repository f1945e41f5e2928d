package org.redciudades.events.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.SecurityMatrix;
import org.redciudades.chassis.testing.SecurityMatrix.Endpoint;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.catalogue.CatalogueApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class EligibilityApiTest {

    static final UUID SOME_MEMBER = UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    MemberEligibility eligibility;
    @Autowired
    JsonMapper json;

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/eligibility/members/" + SOME_MEMBER, null),
                Endpoint.forRole(Roles.MEMBER, "GET", "/api/v1/eligibility/me", null),
                Endpoint.open("GET", "/api/v1/events", null),
                Endpoint.open("GET", "/api/v1/events/" + SOME_MEMBER, null),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events", CatalogueApiTest.WORKSHOP.formatted("matrix")),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/events/" + SOME_MEMBER + "/announcement", null),
                Endpoint.forRole(Roles.MEMBER, "POST", "/api/v1/events/" + SOME_MEMBER + "/registrations",
                        "{\"name\": \"Ana\", \"email\": \"ana@municipio.example.gt\", \"locale\": \"es-MX\"}"),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/registrations/" + SOME_MEMBER + "/cancellation", null),
                Endpoint.forRole(Roles.OPS, "GET", "/actuator/prometheus", null),
                Endpoint.open("GET", "/actuator/health/liveness", null),
                Endpoint.open("GET", "/actuator/health/readiness", null));
    }

    @Test
    void every_endpoint_answers_each_kind_of_caller_as_documented() {
        SecurityMatrix.verify(new ApiClient(port), endpoints());
    }

    @Test
    void the_matrix_names_every_endpoint_of_the_service() {
        SecurityMatrix.assertCoversEveryEndpoint(mappings, endpoints(), Map.of(
                "/api/v1/eligibility/members/" + SOME_MEMBER, "/api/v1/eligibility/members/{memberId}",
                "/api/v1/events/" + SOME_MEMBER, "/api/v1/events/{id}",
                "/api/v1/events/" + SOME_MEMBER + "/announcement", "/api/v1/events/{id}/announcement",
                "/api/v1/events/" + SOME_MEMBER + "/registrations", "/api/v1/events/{eventId}/registrations",
                "/api/v1/registrations/" + SOME_MEMBER + "/cancellation", "/api/v1/registrations/{id}/cancellation"));
    }

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
