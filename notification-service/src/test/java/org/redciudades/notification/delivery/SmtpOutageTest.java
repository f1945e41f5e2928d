package org.redciudades.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationScenario.Registration;
import org.redciudades.notification.NotificationServiceTest;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The SMTP server really stops for a while: nothing is lost, and nothing is sent twice once it is back.
 * A mailbox the server refuses is a permanent failure: recorded, published, and not retried. A transient
 * reply or a connection lost in mid-message is retried.
 */
@NotificationServiceTest(properties = {"notification.mail.first-retry=200ms", "notification.mail.max-retry=1s"})
class SmtpOutageTest {

    @Autowired
    NotificationScenario scenario;
    @Autowired
    TestSmtp smtp;
    @Autowired
    JdbcClient jdbc;

    @Test
    void messages_queued_while_smtp_is_down_are_each_delivered_exactly_once_when_it_returns_and_ops_see_the_attempts() {
        smtp.stop();
        List<String> recipients = IntStream.range(0, 6)
                .mapToObj(i -> "caida-" + i + "-" + UUID.randomUUID() + "@municipio.example.gt").toList();
        recipients.forEach(this::writeConfirmation);
        // Each of them, not only in sum: the first one's attempts are asserted below.
        await().atMost(Duration.ofSeconds(30)).until(() -> fewestFailedAttempts(recipients) >= 2);
        assertThat(statusesOf(recipients)).containsOnly("PENDING");

        smtp.restart();

        await().atMost(Duration.ofSeconds(30)).until(() -> statusesOf(recipients).stream().allMatch("SENT"::equals));
        for (String recipient : recipients) {
            assertThat(smtp.to(recipient)).as(recipient).hasSize(1);
        }
        JsonNode log = scenario.body(scenario.api().get("/api/v1/deliveries?recipient=" + recipients.getFirst(), scenario.ops()));
        assertThat(log.get("totalItems").asLong()).isEqualTo(1);
        JsonNode entry = log.get("items").get(0);
        assertThat(entry.get("status").asString()).isEqualTo("SENT");
        assertThat(entry.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(entry.get("template").asString()).isEqualTo("registration.confirmed");
        assertThat(entry.get("calendarAttached").asBoolean()).isTrue();

        List<String> outcomes = jdbc.sql("""
                select o.payload::text from outbox_event o join notification n on o.aggregate_id = n.id::text
                where o.event_type = 'org.redciudades.notification.delivery.sent.v1' and n.recipient = any(:r)
                """).param("r", recipients.toArray(String[]::new)).query(String.class).list();
        assertThat(outcomes).as("one delivery outcome per message").hasSize(recipients.size());
        outcomes.forEach(outcome -> Contracts.assertConforms("org.redciudades.notification.delivery.sent.v1", outcome));
    }

    @Test
    void an_address_the_server_refuses_fails_at_once_is_published_as_permanent_and_is_never_retried() {
        String refused = "no-existe-" + UUID.randomUUID() + "@municipio.example.gt";
        String accepted = "si-existe-" + UUID.randomUUID() + "@municipio.example.gt";
        smtp.refuse(refused);

        writeConfirmation(refused);
        await().atMost(Duration.ofSeconds(30)).until(() -> statusesOf(List.of(refused)).equals(List.of("FAILED")));
        writeConfirmation(accepted);
        await().atMost(Duration.ofSeconds(30)).until(() -> statusesOf(List.of(accepted)).equals(List.of("SENT")));

        // Retries here come after 200 ms; the accepted message went through after several of those.
        assertThat(smtp.to(refused)).isEmpty();
        JsonNode entry = scenario.body(scenario.api().get("/api/v1/deliveries?recipient=" + refused, scenario.ops()))
                .get("items").get(0);
        assertThat(entry.get("status").asString()).isEqualTo("FAILED");
        assertThat(entry.get("attempts").asInt()).as("a refused mailbox is not retried").isEqualTo(1);
        assertThat(entry.get("lastError").asString()).contains("550");

        String outcome = jdbc.sql("""
                select o.payload::text from outbox_event o join notification n on o.aggregate_id = n.id::text
                where o.event_type = 'org.redciudades.notification.delivery.failed.v1' and n.recipient = :r
                """).param("r", refused).query(String.class).single();
        Contracts.assertConforms("org.redciudades.notification.delivery.failed.v1", outcome);
        JsonNode failed = TestJson.read(outcome);
        assertThat(failed.get("permanent").asBoolean()).isTrue();
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void an_address_the_server_defers_with_a_transient_reply_is_retried_and_delivered_once() {
        String greylisted = "gris-" + UUID.randomUUID() + "@municipio.example.gt";
        smtp.greylist(greylisted);

        writeConfirmation(greylisted);

        assertDeliveredOnceAtTheSecondAttempt(greylisted, "refused with 450, then accepted");
    }

    @Test
    void a_connection_lost_after_the_message_data_is_retried_not_failed_and_the_message_arrives_once() {
        String dropped = "colgado-" + UUID.randomUUID() + "@municipio.example.gt";
        smtp.dropAfterData(dropped);

        writeConfirmation(dropped);

        assertDeliveredOnceAtTheSecondAttempt(dropped, "the lost attempt and the one that arrived");
    }

    private void assertDeliveredOnceAtTheSecondAttempt(String recipient, String attempts) {
        await().atMost(Duration.ofSeconds(30)).until(() -> statusesOf(List.of(recipient)).equals(List.of("SENT")));
        assertThat(smtp.to(recipient)).hasSize(1);
        assertThat(jdbc.sql("select attempts from notification where recipient = :r").param("r", recipient)
                .query(Integer.class).single()).as(attempts).isEqualTo(2);
    }

    private void writeConfirmation(String recipient) {
        scenario.publish(Registration.of(recipient).fact("registration.confirmed"));
    }

    /**
     * The fewest failed attempts any of them has had: 0 until every one has failed at least once. A claimed message's
     * attempts already count the attempt in progress, so only messages between attempts are read.
     */
    private int fewestFailedAttempts(List<String> recipients) {
        List<Integer> attempts = jdbc.sql("""
                        select attempts from notification
                        where recipient = any(:r) and last_error is not null and sending_since is null
                        """)
                .param("r", recipients.toArray(String[]::new)).query(Integer.class).list();
        return attempts.size() == recipients.size() ? attempts.stream().min(Integer::compare).orElseThrow() : 0;
    }

    private List<String> statusesOf(List<String> recipients) {
        List<String> statuses = jdbc.sql("select status from notification where recipient = any(:r)")
                .param("r", recipients.toArray(String[]::new)).query(String.class).list();
        return statuses.size() == recipients.size() ? statuses : List.of("MISSING");
    }
}
