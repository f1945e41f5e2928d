package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.SecurityMatrix;
import org.redciudades.chassis.testing.SecurityMatrix.Endpoint;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.membership.Application;
import org.redciudades.membership.Application.Contact;
import org.redciudades.membership.Application.Institution;
import org.redciudades.membership.Application.Profile;
import org.redciudades.membership.MembershipScenario;
import org.redciudades.membership.MembershipScenario.Agreement;
import org.redciudades.membership.MembershipScenario.Reason;
import org.redciudades.membership.MembershipServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@MembershipServiceTest
class MemberApiSecurityTest {

    static final String UNKNOWN = UUID.randomUUID().toString();
    static final String APPLICATION = Application.implanTorreon().json();
    static final String AGREEMENT = Agreement.implanTorreon().json();
    static final String CONTACT = TestJson.write(Contact.jorge(false));
    static final String PROFILE = TestJson.write(new Profile(
            new Institution("IMPLAN", "OTHER", "MX", "Coahuila", "Torreón", null), "es-MX", "America/Monterrey"));
    static final String REASON = TestJson.write(new Reason("Incumplimiento del convenio"));

    @Autowired
    MembershipScenario scenario;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    List<Endpoint> endpoints() {
        return SecurityMatrix.withChassisEndpoints(
                Endpoint.open("POST", "/api/v1/applications", APPLICATION),
                Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/members", null),
                Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/members/" + UNKNOWN, null),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/approval", null),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/agreement", AGREEMENT),
                Endpoint.forRole(Roles.ORGANIZER, "GET", "/api/v1/members/" + UNKNOWN + "/history", null),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/review", null),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/rejection", REASON),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/suspension", REASON),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/reinstatement", REASON),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/withdrawal", REASON),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/renewal", AGREEMENT),
                Endpoint.forRole(Roles.ORGANIZER, "PUT", "/api/v1/members/" + UNKNOWN + "/profile", PROFILE),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/contacts", CONTACT),
                Endpoint.forRole(Roles.ORGANIZER, "PUT", "/api/v1/members/" + UNKNOWN + "/contacts/" + UNKNOWN, CONTACT),
                Endpoint.forRole(Roles.ORGANIZER, "DELETE", "/api/v1/members/" + UNKNOWN + "/contacts/" + UNKNOWN, null),
                Endpoint.forRole(Roles.ORGANIZER, "POST", "/api/v1/members/" + UNKNOWN + "/contacts/" + UNKNOWN + "/erasure", null),
                Endpoint.forRole(Roles.OPS, "GET", "/actuator/prometheus", null),
                Endpoint.open("GET", "/actuator/health/liveness", null),
                Endpoint.open("GET", "/actuator/health/readiness", null));
    }

    @Test
    void every_endpoint_answers_each_kind_of_caller_as_documented() {
        SecurityMatrix.verify(scenario.api(), endpoints());
    }

    @Test
    void the_matrix_names_every_endpoint_of_the_service() {
        Map<String, String> templates = new java.util.HashMap<>();
        endpoints().forEach(e -> templates.put(e.path(),
                e.path().replaceFirst(UNKNOWN, "{id}").replace(UNKNOWN, "{contactId}")));
        SecurityMatrix.assertCoversEveryEndpoint(mappings, endpoints(), templates);
    }

    @Test
    void the_openapi_document_and_swagger_ui_are_served_without_a_token() {
        ApiClient api = scenario.api();

        var document = api.get("/v3/api-docs", null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("/api/v1/applications").contains("/api/v1/members/{id}/agreement");
        assertThat(api.get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }

    @Test
    void actuator_exposes_nothing_but_health_info_and_prometheus() {
        ApiClient api = scenario.api();
        for (String endpoint : List.of("env", "beans", "configprops", "loggers", "heapdump", "threaddump", "metrics", "mappings")) {
            var response = api.get("/actuator/" + endpoint, TestTokens.withRole(Roles.OPS));
            assertThat(response.statusCode()).as(endpoint).isIn(403, 404);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }
}
