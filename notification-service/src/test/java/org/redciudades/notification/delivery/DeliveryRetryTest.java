package org.redciudades.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationScenario.Registration;
import org.redciudades.notification.NotificationServiceTest;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Ops retry a message that failed for good, once its cause is fixed: it is sent exactly once, however many times and
 * however many people ask, and the retry is kept with who asked and why.
 */
@NotificationServiceTest
class DeliveryRetryTest {

    @Autowired
    NotificationScenario scenario;
    @Autowired
    TestSmtp smtp;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_failed_message_retried_by_ops_after_its_mailbox_exists_is_sent_once_and_the_retry_is_kept() {
        String recipient = "nuevo-buzon-" + UUID.randomUUID() + "@municipio.example.gt";
        UUID message = failedMessageTo(recipient);
        smtp.accept(recipient);

        HttpResponse<String> retried = retry(message, "El buzón ya existe (ticket 4312)");

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(scenario.body(retried).get("status").asString()).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(message).equals("SENT"));
        assertThat(smtp.to(recipient)).hasSize(1);

        JsonNode retries = scenario.body(scenario.api().get("/api/v1/deliveries/" + message + "/retries", scenario.ops()));
        assertThat(retries).hasSize(1);
        JsonNode retry = retries.get(0);
        assertThat(retry.get("reason").asString()).isEqualTo("El buzón ya existe (ticket 4312)");
        assertThat(retry.get("requestedBy").asString()).isEqualTo("test-ops");
        assertThat(retry.get("previousAttempts").asInt()).isEqualTo(1);
        assertThat(retry.get("previousError").asString()).contains("550");
        JsonNode entry = scenario.body(scenario.api().get("/api/v1/deliveries/" + message, scenario.ops()));
        assertThat(entry.get("attempts").asInt()).as("attempts since the retry").isEqualTo(1);
    }

    @Test
    void ops_pressing_retry_at_once_put_a_failed_message_back_once_and_it_is_sent_once() throws Exception {
        String recipient = "dos-a-la-vez-" + UUID.randomUUID() + "@municipio.example.gt";
        UUID message = failedMessageTo(recipient);
        smtp.accept(recipient);

        List<Callable<Integer>> clicks = List.of(
                () -> retry(message, "Reintento de Ana").statusCode(),
                () -> retry(message, "Reintento de Luis").statusCode(),
                () -> retry(message, "Reintento de Marta").statusCode());
        List<Integer> statuses;
        try (ExecutorService ops = Executors.newFixedThreadPool(clicks.size())) {
            statuses = ops.invokeAll(clicks).stream().map(DeliveryRetryTest::join).toList();
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 409, 409);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(message).equals("SENT"));
        assertThat(smtp.to(recipient)).hasSize(1);
        assertThat(scenario.body(scenario.api().get("/api/v1/deliveries/" + message + "/retries", scenario.ops())))
                .hasSize(1);
    }

    @Test
    void a_message_that_was_sent_is_not_sent_again_and_the_refusal_names_its_status() {
        String recipient = "enviado-" + UUID.randomUUID() + "@municipio.example.gt";
        scenario.publish(Registration.of(recipient).fact("registration.confirmed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(recipient).equals("SENT"));
        UUID message = idOf(recipient);

        HttpResponse<String> refused = retry(message, "Por si acaso");

        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode problem = scenario.body(refused);
        assertThat(problem.get("type").asString()).endsWith("/delivery-not-failed");
        assertThat(problem.get("detail").asString()).contains(message.toString(), "SENT");
        assertThat(smtp.to(recipient)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from delivery_retry where notification_id = :id").param("id", message)
                .query(Long.class).single()).isZero();
    }

    @Test
    void a_retry_without_a_reason_names_the_field_and_changes_nothing() {
        String recipient = "sin-motivo-" + UUID.randomUUID() + "@municipio.example.gt";
        UUID message = failedMessageTo(recipient);

        HttpResponse<String> refused = scenario.api().post("/api/v1/deliveries/" + message + "/retry", scenario.ops(),
                TestJson.write(Map.of("reason", "  ")));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("reason");
        assertThat(status(message)).isEqualTo("FAILED");
    }

    private UUID failedMessageTo(String recipient) {
        smtp.refuse(recipient);
        scenario.publish(Registration.of(recipient).fact("registration.confirmed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(recipient).equals("FAILED"));
        return idOf(recipient);
    }

    private HttpResponse<String> retry(UUID message, String reason) {
        return scenario.api().post("/api/v1/deliveries/" + message + "/retry", scenario.ops(),
                TestJson.write(Map.of("reason", reason)));
    }

    private String status(UUID message) {
        return jdbc.sql("select status from notification where id = :id").param("id", message).query(String.class).single();
    }

    private String statusOf(String recipient) {
        return jdbc.sql("select status from notification where recipient = :r").param("r", recipient)
                .query(String.class).optional().orElse("MISSING");
    }

    private UUID idOf(String recipient) {
        return jdbc.sql("select id from notification where recipient = :r").param("r", recipient)
                .query(UUID.class).single();
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
