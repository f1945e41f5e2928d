package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class MemberApiProblemsTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void problems_are_in_spanish_by_default_and_in_english_when_the_request_asks() {
        String path = "/api/v1/members/" + UUID.randomUUID();
        String organizer = TestTokens.withRole(Roles.ORGANIZER);

        JsonNode spanish = json.readTree(api.get(path, organizer).body());
        JsonNode english = json.readTree(api.send("GET", path, organizer, null, null, Map.of("Accept-Language", "en-US,en;q=0.9")).body());

        assertThat(spanish.get("type").asString()).isEqualTo("https://redciudades.org/problems/member-not-found");
        assertThat(spanish.get("title").asString()).isEqualTo("Miembro no encontrado");
        assertThat(english.get("title").asString()).isEqualTo("Member not found");
        assertThat(english.get("type").asString()).isEqualTo(spanish.get("type").asString());
    }

    @Test
    void a_validation_error_names_each_field_with_its_reason_in_the_request_language() {
        String bad = MemberOnboardingTest.IMPLAN_TORREON.replace("\"MX\"", "\"XX\"");

        JsonNode english = json.readTree(api.send("POST", "/api/v1/applications", null, "application/json",
                bad.getBytes(), Map.of("Accept-Language", "en")).body());
        JsonNode spanish = json.readTree(api.post("/api/v1/applications", null, bad).body());

        assertThat(english.get("errors").get(0).get("field").asString()).isEqualTo("institution.country");
        assertThat(english.get("errors").get(0).get("reason").asString()).contains("ISO 3166-1 alpha-2");
        assertThat(spanish.get("errors").get(0).get("reason").asString()).contains("código de país");
    }

    @Test
    void a_value_of_the_wrong_type_is_a_400_naming_the_field() {
        HttpResponse<String> response = api.post("/api/v1/applications", null,
                MemberOnboardingTest.IMPLAN_TORREON.replace("\"primary\": true", "\"primary\": \"yes\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("contacts[0].primary");
    }

    @Test
    void wrong_method_unknown_path_wrong_content_type_and_oversized_body_are_problems() {
        String organizer = TestTokens.withRole(Roles.ORGANIZER);
        assertProblem(api.send("DELETE", "/api/v1/applications", organizer, null, null, Map.of()), 405, "method-not-allowed");
        assertProblem(api.get("/api/v1/nothing-here", organizer), 404, "not-found");
        assertProblem(api.send("POST", "/api/v1/applications", null, "text/plain",
                MemberOnboardingTest.IMPLAN_TORREON.getBytes(), Map.of()), 415, "unsupported-media-type");
        assertProblem(api.send("POST", "/api/v1/applications", null, "application/json",
                ("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(), Map.of()), 413, "payload-too-large");
        assertProblem(api.post("/api/v1/applications", null, "{\"institution\": "), 400, "malformed-body");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_response_and_applies_once() {
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("Idempotency-Key", key);
        String application = MemberOnboardingTest.uniqueApplication();
        byte[] body = application.getBytes();

        HttpResponse<String> first = api.send("POST", "/api/v1/applications", null, "application/json", body, headers);
        HttpResponse<String> retry = api.send("POST", "/api/v1/applications", null, "application/json", body, headers);
        HttpResponse<String> misuse = api.send("POST", "/api/v1/applications", null, "application/json",
                application.replace("Torreón", "Gómez Palacio").getBytes(), headers);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String memberId = json.readTree(first.body()).get("id").asString();
        assertThat(jdbc.sql("select count(*) from outbox_event where aggregate_id = :id").param("id", memberId)
                .query(Long.class).single()).isEqualTo(1);
        assertProblem(misuse, 422, "idempotency-key-reused");
    }

    private void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://redciudades.org/problems/" + slug);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }
}
