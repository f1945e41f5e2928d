package org.redciudades.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationScenario.Registration;
import org.redciudades.notification.NotificationServiceTest;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dispatcher claims a message (counting the attempt) before sending it. A claim whose instance stopped
 * before recording the outcome is honoured until its lease ends, then the message is sent again, once, with
 * the Message-ID it had the first time.
 */
@NotificationServiceTest
class ClaimedSendsTest {

    @Autowired
    NotificationScenario scenario;
    @Autowired
    TestSmtp smtp;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void every_email_carries_its_delivery_log_id_as_its_message_id() throws Exception {
        String recipient = "id-estable-" + UUID.randomUUID() + "@municipio.example.hn";
        scenario.publish(Registration.of(recipient).fact("registration.confirmed"));

        // The server accepts the email a moment before the dispatcher records the outcome: wait for both.
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.to(recipient).size() == 1 && "SENT".equals(jdbc
                .sql("select status from notification where recipient = :r").param("r", recipient).query(String.class)
                .optional().orElse(null)));
        Map<String, Object> row = jdbc.sql("select id, status, attempts, sending_since from notification where recipient = :r")
                .param("r", recipient).query().singleRow();
        MimeMessage email = smtp.to(recipient).getFirst();
        assertThat(email.getMessageID()).isEqualTo("<" + row.get("id") + "@redciudades.org>");
        assertThat(row).containsEntry("status", "SENT").containsEntry("attempts", 1).containsEntry("sending_since", null);
    }

    @Test
    void a_message_claimed_by_an_instance_that_stopped_mid_send_is_sent_again_once_after_the_lease_with_the_same_message_id()
            throws Exception {
        String recipient = "interrumpido-" + UUID.randomUUID() + "@municipio.example.sv";
        UUID id = UUID.randomUUID();
        Instant claimedAt = Instant.now().minus(Duration.ofMinutes(3));
        double resentBefore = resent();
        // What an instance leaves when it is killed between the claim and the outcome: the attempt counted, the
        // claim's time, and a lease (next_attempt_at) that has now ended.
        insertClaimed(id, recipient, claimedAt, claimedAt.plus(Duration.ofMinutes(2)));

        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(statusOf(id)));

        List<MimeMessage> received = smtp.to(recipient);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getMessageID()).isEqualTo("<" + id + "@redciudades.org>");
        Map<String, Object> row = jdbc.sql("select attempts, sending_since from notification where id = :id")
                .param("id", id).query().singleRow();
        assertThat(row).as("the interrupted attempt and the one that sent it").containsEntry("attempts", 2)
                .containsEntry("sending_since", null);
        assertThat(resent() - resentBefore).isEqualTo(1.0);
    }

    @Test
    void a_message_claimed_by_a_running_instance_is_left_to_it_until_its_lease_ends() {
        String recipient = "reclamado-" + UUID.randomUUID() + "@municipio.example.cr";
        UUID id = UUID.randomUUID();
        Instant claimedAt = Instant.now();
        insertClaimed(id, recipient, claimedAt, claimedAt.plus(Duration.ofMinutes(2)));
        String otherRecipient = "libre-" + UUID.randomUUID() + "@municipio.example.cr";
        scenario.publish(Registration.of(otherRecipient).fact("registration.confirmed"));

        // The dispatcher has passed over the claimed message at least once by the time it sent the other one.
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.to(otherRecipient).size() == 1);
        assertThat(smtp.to(recipient)).isEmpty();
        assertThat(statusOf(id)).isEqualTo("PENDING");
    }

    private void insertClaimed(UUID id, String recipient, Instant claimedAt, Instant leaseEnd) {
        jdbc.sql("""
                insert into notification (id, source_event_id, recipient, template, locale, subject, body_text, body_html,
                                          status, attempts, created_at, next_attempt_at, sending_since)
                values (:id, :source, :recipient, 'registration.confirmed', 'es-MX', 'Inscripción confirmada',
                        'Su lugar está confirmado.', '<p>Su lugar está confirmado.</p>', 'PENDING', 1, :claimedAt,
                        :leaseEnd, :claimedAt)
                """)
                .param("id", id).param("source", UUID.randomUUID().toString()).param("recipient", recipient)
                .param("claimedAt", Timestamp.from(claimedAt)).param("leaseEnd", Timestamp.from(leaseEnd))
                .update();
    }

    private String statusOf(UUID id) {
        return jdbc.sql("select status from notification where id = :id").param("id", id).query(String.class).single();
    }

    private double resent() {
        return meters.counter("notifications.resent.after.interruption", "channel", "email").count();
    }
}
