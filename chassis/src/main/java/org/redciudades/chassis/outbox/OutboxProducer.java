package org.redciudades.chassis.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.redciudades.chassis.support.KafkaClientSettings;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaProducerProperties;
import org.springframework.cloud.stream.binder.kafka.provisioning.KafkaTopicProvisioner;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The relay's Kafka producer, configured exactly as the binder configures its own producers
 * ({@code spring.cloud.stream.kafka.binder.*} and {@code spring.cloud.stream.kafka.default.producer.*}:
 * {@code acks=all}, idempotence, at most 5 requests in flight, the timeouts), so that the relay can send
 * a whole batch and then wait for each record's acknowledgement.
 *
 * <p>Why not {@code StreamBridge}: a binding's producer is either synchronous (one acknowledgement per
 * round trip, which held the relay to a tenth of what the broker takes) or fire-and-forget with the
 * outcome on a success or error channel, not per record. The relay's topics are also the bindings that
 * {@code DeadLetters} replays through, which must stay synchronous.
 *
 * <p>After a failed send the producer is closed at once, from the callback, which fails every record
 * not yet written. With idempotence the broker refuses a record whose predecessor in the partition is
 * missing, so no later record of a key gets written after an earlier one failed; the next pass opens
 * a new producer and sends again from the first row not acknowledged.
 */
public class OutboxProducer implements AutoCloseable {

    private final Map<String, Object> config;
    private final Duration closeTimeout;
    private final Consumer<String> provisioning;
    private final Set<String> provisioned = ConcurrentHashMap.newKeySet();
    private Producer<byte[], byte[]> producer;
    private MeterRegistry meters;
    private KafkaClientMetrics producerMetrics;

    /**
     * @param provisioning creates a topic, or checks it, before the first record is sent to it
     */
    public OutboxProducer(Map<String, Object> config, Duration closeTimeout, Consumer<String> provisioning) {
        this.config = Map.copyOf(config);
        this.closeTimeout = closeTimeout;
        this.provisioning = provisioning;
    }

    /** The producer configuration the Kafka binder would give one of its bindings. */
    public static OutboxProducer fromBinderConfiguration(KafkaClientSettings kafka, ConfigurableEnvironment environment) {
        ExtendedProducerProperties<KafkaProducerProperties> binding = kafka.producerBinding();
        Map<String, Object> config = kafka.producer(binding);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG,
                "outbox-relay-" + environment.getProperty("spring.application.name", "service"));
        // Topics are created as the binder creates a producer binding's (min-partition-count, replication factor).
        KafkaTopicProvisioner topics = kafka.topics();
        return new OutboxProducer(config, Duration.ofSeconds(Math.max(0, binding.getExtension().getCloseTimeout())),
                topic -> topics.provisionProducerDestination(topic, binding));
    }

    /**
     * Publishes each producer's client metrics ({@code kafka_producer_*}, which the dashboards use) while it
     * is open, as the binder does for its own producers.
     */
    public OutboxProducer withMetrics(MeterRegistry registry) {
        this.meters = registry;
        return this;
    }

    /** The producer setting {@code name}, as configured. */
    public String setting(String name) {
        Object value = config.get(name);
        return value == null ? null : value.toString();
    }

    /**
     * Hands the record to the producer without waiting. The future completes when the broker has
     * acknowledged it or the producer has given up; a failure closes the producer (see the class note).
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        if (!provisioned.contains(record.topic())) {
            provisioning.accept(record.topic());
            provisioned.add(record.topic());
        }
        Producer<byte[], byte[]> current = current();
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            current.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(metadata);
                } else {
                    discard(current);
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            discard(current);
            throw e;
        }
        return acknowledged;
    }

    private synchronized Producer<byte[], byte[]> current() {
        if (producer == null) {
            producer = new KafkaProducer<>(config);
            if (meters != null) {
                producerMetrics = new KafkaClientMetrics(producer);
                producerMetrics.bindTo(meters);
            }
        }
        return producer;
    }

    /** Runs on the producer's I/O thread, where close does not wait: it fails whatever is not yet sent. */
    private void discard(Producer<byte[], byte[]> failed) {
        synchronized (this) {
            if (producer == failed) {
                producer = null;
                closeMetrics();
            }
        }
        failed.close(Duration.ZERO);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            closeMetrics();
            producer.close(closeTimeout);
            producer = null;
        }
    }

    private void closeMetrics() {
        if (producerMetrics != null) {
            producerMetrics.close();
            producerMetrics = null;
        }
    }
}
