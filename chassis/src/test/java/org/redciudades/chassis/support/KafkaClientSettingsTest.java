package org.redciudades.chassis.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.mock.env.MockEnvironment;

/**
 * A cluster with SASL over TLS, configured once for the binder, is reached with the same settings by every client the
 * chassis makes itself: the outbox relay's producer, the dead-letter collector's consumer, and their topic checks.
 */
class KafkaClientSettingsTest {

    private final KafkaClientSettings settings = KafkaClientSettings.of(new MockEnvironment()
                    .withProperty("spring.cloud.stream.kafka.binder.brokers", "kafka-0:9093,kafka-1:9093")
                    .withProperty("spring.kafka.security.protocol", "SASL_SSL")
                    .withProperty("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512")
                    .withProperty("spring.cloud.stream.kafka.binder.configuration.ssl.endpoint.identification.algorithm", "https"),
            new DefaultListableBeanFactory().getBeanProvider(KafkaProperties.class),
            new DefaultListableBeanFactory().getBeanProvider(KafkaConnectionDetails.class));

    @Test
    void the_relays_producer_the_collectors_consumer_and_the_topic_checks_share_the_binders_security_settings() {
        Map<String, Object> producer = settings.producer(settings.producerBinding());
        Map<String, Object> consumer = settings.consumer("dead-letter-collector");
        Map<String, Object> admin = settings.topics().getAdminClientProperties();
        for (Map<String, Object> client : List.of(producer, consumer, admin)) {
            assertThat(String.valueOf(client.get("bootstrap.servers"))).contains("kafka-0:9093", "kafka-1:9093");
            assertThat(client).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.endpoint.identification.algorithm", "https");
        }
        assertThat(consumer).containsEntry("group.id", "dead-letter-collector");
        assertThat(producer).containsEntry("acks", "all");
    }
}
