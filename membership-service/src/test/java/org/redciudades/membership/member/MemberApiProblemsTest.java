package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.membership.Application;
import org.redciudades.membership.MembershipScenario;
import org.redciudades.membership.MembershipServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@MembershipServiceTest
class MemberApiProblemsTest {

    @Autowired
    MembershipScenario scenario;

    @Test
    void problems_are_in_spanish_by_default_and_in_english_when_the_request_asks() {
        ApiClient api = scenario.api();
        String path = "/api/v1/members/" + UUID.randomUUID();
        String organizer = scenario.organizer();

        JsonNode spanish = scenario.body(api.get(path, organizer));
        JsonNode english = scenario.body(api.send("GET", path, organizer, null, null, Map.of("Accept-Language", "en-US,en;q=0.9")));

        assertThat(spanish.get("type").asString()).isEqualTo("https://redciudades.org/problems/member-not-found");
        assertThat(spanish.get("title").asString()).isEqualTo("Miembro no encontrado");
        assertThat(english.get("title").asString()).isEqualTo("Member not found");
        assertThat(english.get("type").asString()).isEqualTo(spanish.get("type").asString());
    }

    @Test
    void a_validation_error_names_each_field_with_its_reason_in_the_request_language() {
        String bad = Application.implanTorreon().inCountry("XX").json();

        JsonNode english = scenario.body(scenario.api().send("POST", "/api/v1/applications", null, "application/json",
                utf8(bad), Map.of("Accept-Language", "en")));
        JsonNode spanish = scenario.body(scenario.apply(bad));

        assertThat(english.get("errors").get(0).get("field").asString()).isEqualTo("institution.country");
        assertThat(english.get("errors").get(0).get("reason").asString()).contains("ISO 3166-1 alpha-2");
        assertThat(spanish.get("errors").get(0).get("reason").asString()).contains("código de país");
    }

    @Test
    void a_value_of_the_wrong_type_is_a_400_naming_the_field() {
        HttpResponse<String> response = scenario.apply(TestJson.write(Application.implanTorreon(), "/contacts/0/primary", "yes"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(scenario.body(response).get("errors").get(0).get("field").asString()).isEqualTo("contacts[0].primary");
    }

    @Test
    void wrong_method_unknown_path_wrong_content_type_and_oversized_body_are_problems() {
        ApiClient api = scenario.api();
        String organizer = scenario.organizer();
        assertProblem(api.send("DELETE", "/api/v1/applications", organizer, null, null, Map.of()), 405, "method-not-allowed");
        assertProblem(api.get("/api/v1/nothing-here", organizer), 404, "not-found");
        assertProblem(api.send("POST", "/api/v1/applications", null, "text/plain",
                utf8(Application.implanTorreon().json()), Map.of()), 415, "unsupported-media-type");
        assertProblem(api.send("POST", "/api/v1/applications", null, "application/json",
                utf8("{\"pad\":\"" + "x".repeat(70_000) + "\"}"), Map.of()), 413, "payload-too-large");
        assertProblem(scenario.apply("{\"institution\": "), 400, "malformed-body");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_response_and_applies_once() {
        ApiClient api = scenario.api();
        Map<String, String> headers = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Application application = Application.unique();
        byte[] body = utf8(application.json());

        HttpResponse<String> first = api.send("POST", "/api/v1/applications", null, "application/json", body, headers);
        HttpResponse<String> retry = api.send("POST", "/api/v1/applications", null, "application/json", body, headers);
        HttpResponse<String> misuse = api.send("POST", "/api/v1/applications", null, "application/json",
                utf8(application.named("Instituto Municipal de Planeación de Gómez Palacio").json()), headers);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String memberId = scenario.body(first).get("id").asString();
        assertThat(scenario.eventTypes(memberId)).hasSize(1);
        assertProblem(misuse, 422, "idempotency-key-reused");
    }

    private void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = scenario.body(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://redciudades.org/problems/" + slug);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
