package org.redciudades.chassis.deadletter;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.redciudades.chassis.support.KafkaClientSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.provisioning.KafkaTopicProvisioner;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Copies every record of this service's dead-letter topics into its database ({@link DeadLetters}), so
 * ops can list, inspect, replay and discard them through the API. Offsets are committed only after the
 * copy is stored; if the database is down, the collector waits and retries, and loses nothing. A copy that
 * names someone erased earlier is scrubbed as it is stored ({@link DeadLetterErasure}).
 */
public class DeadLetterCollector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterCollector.class);

    private final DeadLetterTopics topics;
    private final DeadLetters deadLetters;
    private final DeadLetterErasure erasure;
    private final TransactionTemplate transactions;
    private final KafkaClientSettings kafka;
    private ConcurrentMessageListenerContainer<byte[], byte[]> container;

    public DeadLetterCollector(DeadLetterTopics topics, DeadLetters deadLetters, DeadLetterErasure erasure,
                               TransactionTemplate transactions, KafkaClientSettings kafka) {
        this.topics = topics;
        this.deadLetters = deadLetters;
        this.erasure = erasure;
        this.transactions = transactions;
        this.kafka = kafka;
    }

    @Override
    public synchronized void start() {
        if (topics.topics().isEmpty() || container != null) {
            return;
        }
        createMissingTopics();
        // The binder's consumer settings (brokers, security, SASL, TLS), as the service's bindings have them.
        Map<String, Object> consumer = kafka.consumer(topics.collectorGroup());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        ContainerProperties properties = new ContainerProperties(topics.topics().toArray(String[]::new));
        properties.setAckMode(ContainerProperties.AckMode.RECORD);
        properties.setMessageListener((MessageListener<byte[], byte[]>) this::keep);
        container = new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(consumer), properties);
        container.setBeanName("dead-letter-collector");
        // A dead letter that cannot be stored (the database is down) is retried until it can be: never skipped.
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        container.start();
    }

    private void keep(ConsumerRecord<byte[], byte[]> record) {
        try {
            // A letter about someone already erased is scrubbed before anyone can read it.
            transactions.executeWithoutResult(status -> {
                deadLetters.record(record);
                erasure.scrubIfErased(record.topic(), record.partition(), record.offset());
            });
        } catch (RuntimeException e) {
            log.warn("Could not keep dead letter {}-{}@{}; retrying: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            throw e;
        }
    }

    /**
     * The binder creates a dead-letter topic when it binds; this covers a binder that has not yet, creating it as the
     * binder would (its partitions, replication factor and admin settings).
     */
    private void createMissingTopics() {
        try {
            KafkaTopicProvisioner provisioner = kafka.topics();
            for (String topic : topics.topics()) {
                try {
                    provisioner.provisionProducerDestination(topic, kafka.producerBinding());
                } catch (RuntimeException e) {
                    log.warn("Could not create dead-letter topic {}: {}", topic, e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the dead-letter topics {}: {}", topics.topics(), e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return container != null && container.isRunning();
    }

    /** Starts after the bindings, which create the dead-letter topics. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
