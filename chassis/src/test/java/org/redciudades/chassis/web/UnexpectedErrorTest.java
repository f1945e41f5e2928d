package org.redciudades.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class UnexpectedErrorTest {

    @LocalServerPort
    int port;

    @Test
    void an_unexpected_failure_is_a_500_problem_that_leaks_no_internals_in_either_language() {
        ApiClient api = new ApiClient(port);

        HttpResponse<String> spanish = api.get("/api/v1/broken", null);
        HttpResponse<String> english = api.send("GET", "/api/v1/broken", null, null, null, Map.of("Accept-Language", "en"));

        assertThat(spanish.statusCode()).isEqualTo(500);
        assertThat(spanish.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(spanish.body()).contains("https://redciudades.org/problems/internal-error").contains("Error interno");
        assertThat(english.body()).contains("Internal error");
        for (HttpResponse<String> response : java.util.List.of(spanish, english)) {
            assertThat(response.body()).doesNotContain("hunter2").doesNotContain("postgresql")
                    .doesNotContain("IllegalStateException").doesNotContain("at org.");
        }
    }
}
