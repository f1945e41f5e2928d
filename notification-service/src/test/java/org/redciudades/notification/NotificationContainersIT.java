package org.redciudades.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.chassis.testing.KafkaTopics;
import org.redciudades.chassis.testing.ServiceOnContainersTest;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.notification.delivery.DeliveryOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.kafka.KafkaContainer;

/**
 * notification-service on Kafka and PostgreSQL containers, as a user with Docker or podman runs it; its mail goes
 * to a {@link TestSmtp} in this JVM.
 */
@ServiceOnContainersTest
@Import(NotificationScenario.class)
class NotificationContainersIT {

    /** The service's mail server, as {@link TestSmtp.PerContext} gives the other tests theirs. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MailServer {

        @Bean(destroyMethod = "stop")
        TestSmtp testSmtp() {
            return TestSmtp.start();
        }

        @Bean
        DynamicPropertyRegistrar mailServerAddress(TestSmtp testSmtp) {
            return registry -> {
                registry.add("spring.mail.host", () -> "127.0.0.1");
                registry.add("spring.mail.port", () -> testSmtp.server().getSmtp().getPort());
            };
        }
    }

    @Autowired
    NotificationScenario scenario;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaContainer kafkaContainer;

    @Test
    void a_member_activated_on_kafka_gets_a_welcome_email_logged_in_postgresql_and_its_delivery_published() {
        String recipient = "bienvenida-" + UUID.randomUUID() + "@implan-torreon.example.mx";
        String member = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        ContractExample activated = NotificationScenario.membershipFact("member.activated", member)
                .with("/contacts/0/email", recipient);

        KafkaTopics.write(kafkaContainer.getBootstrapServers(),
                cloudEvent("membership.member", member, eventId, activated.type(), activated.json()));

        assertThat(scenario.subjects(recipient, 1)).singleElement().asString().startsWith("Bienvenida");
        await().atMost(NotificationScenario.PATIENCE).until(() -> "SENT".equals(jdbc.sql(
                "select status from notification where source_event_id = :id and recipient = :to")
                .param("id", eventId).param("to", recipient).query(String.class).optional().orElse(null)));
        List<ConsumerRecord<byte[], byte[]>> outcomes = readUntil(kafkaContainer.getBootstrapServers(),
                DeliveryOutcome.TOPIC, Duration.ofSeconds(60), read -> !ofEvent(read, eventId).isEmpty());
        assertThat(ofEvent(outcomes, eventId)).extracting(r -> header(r, "ce_type"))
                .containsExactly("org.redciudades.notification.delivery.sent.v1");
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofEvent(List<ConsumerRecord<byte[], byte[]>> records,
                                                                String eventId) {
        return records.stream()
                .filter(r -> eventId.equals(TestJson.read(text(r.value())).path("sourceEventId").asString("")))
                .toList();
    }
}
