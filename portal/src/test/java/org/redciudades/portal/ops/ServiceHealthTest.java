package org.redciudades.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** What the health page makes of each service's answer to its ops status, or of its silence. */
class ServiceHealthTest {

    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void a_service_that_does_not_answer_is_shown_as_silent_not_as_a_failed_page() {
        ServiceHealth.Answer answer = ServiceHealth.ask(RestClient.create("http://127.0.0.1:1"), "events-service");
        assertThat(answer.state()).isEqualTo(ServiceHealth.State.SILENT);
        assertThat(answer.status()).isNull();
    }

    @Test
    void a_service_that_answers_but_is_not_ready_shows_its_numbers() throws IOException {
        String base = serve(200, "application/json", """
                {"service": "notification-service", "ready": false,
                 "outbox": {"backlog": 3, "oldestAgeSeconds": 41.2},
                 "consumers": [{"clientId": "consumer-notification-service-1", "recordsLagMax": 12}],
                 "deadLetters": [{"topic": "error.events.event.notification-service", "pending": 2},
                                 {"topic": "error.membership.member.notification-service", "pending": 1}],
                 "at": "2026-11-26T15:00:00Z", "somethingNew": true}
                """);
        ServiceHealth.Answer answer = ServiceHealth.ask(RestClient.create(base), "notification-service");
        assertThat(answer.state()).isEqualTo(ServiceHealth.State.NOT_READY);
        assertThat(answer.status().outbox().backlog()).isEqualTo(3);
        assertThat(answer.status().outbox().oldestAgeWholeSeconds()).isEqualTo(42);
        assertThat(answer.status().consumers()).extracting(ServiceHealth.ConsumerLag::recordsLagMax).containsExactly(12L);
        assertThat(answer.status().pendingDeadLetters()).isEqualTo(3);
    }

    @Test
    void a_service_that_answers_something_else_than_its_status_is_shown_without_one() throws IOException {
        String base = serve(502, "text/html", "<html>Bad gateway</html>");
        ServiceHealth.Answer answer = ServiceHealth.ask(RestClient.create(base), "membership-service");
        assertThat(answer.state()).isEqualTo(ServiceHealth.State.REFUSED);
        assertThat(answer.problem().status()).isEqualTo(502);
    }

    @Test
    void the_alerts_link_is_prometheus_own_alerts_page_and_absent_without_prometheus() {
        assertThat(new OpsProperties(null, URI.create("http://localhost:9090/")).prometheusAlerts())
                .isEqualTo(URI.create("http://localhost:9090/alerts"));
        assertThat(new OpsProperties(null, null).prometheusAlerts()).isNull();
    }

    private String serve(int status, String contentType, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/ops/status", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
