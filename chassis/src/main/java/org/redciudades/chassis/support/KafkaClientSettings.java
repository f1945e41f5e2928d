package org.redciudades.chassis.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaProducerProperties;
import org.springframework.cloud.stream.binder.kafka.provisioning.KafkaTopicProvisioner;
import org.springframework.cloud.stream.binder.kafka.utils.BindingUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * The Kafka client settings of the clients the chassis makes itself (the outbox relay's producer, the dead-letter
 * collector's consumer, and their topic checks), read exactly as the binder reads them for its own bindings:
 * {@code spring.kafka.*} (security, SSL, SASL) under {@code spring.cloud.stream.kafka.binder.*} (brokers,
 * {@code configuration.*}, replication factor, partitions). One place, so that a cluster with TLS or SASL configured
 * for the binder is reached the same way by every client of the service.
 */
public final class KafkaClientSettings {

    private final KafkaBinderConfigurationProperties binder;
    private final KafkaProperties kafka;
    private final KafkaConnectionDetails connectionDetails;
    private final KafkaProducerProperties defaultProducer;

    private KafkaClientSettings(KafkaBinderConfigurationProperties binder, KafkaProperties kafka,
                                KafkaConnectionDetails connectionDetails, KafkaProducerProperties defaultProducer) {
        this.binder = binder;
        this.kafka = kafka;
        this.connectionDetails = connectionDetails;
        this.defaultProducer = defaultProducer;
    }

    public static KafkaClientSettings of(ConfigurableEnvironment environment, ObjectProvider<KafkaProperties> kafkaProperties,
                                         ObjectProvider<KafkaConnectionDetails> connectionDetails) {
        ApplicationConversionService conversions = new ApplicationConversionService();
        conversions.addConverter(String.class, Expression.class, new SpelExpressionParser()::parseExpression);
        Binder binder = new Binder(ConfigurationPropertySources.get(environment), null, conversions);
        KafkaProperties kafka = kafkaProperties.getIfAvailable(() -> binder.bindOrCreate("spring.kafka", KafkaProperties.class));
        KafkaBinderConfigurationProperties binderProperties = new KafkaBinderConfigurationProperties(kafka, connectionDetails);
        binder.bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(binderProperties));
        KafkaProducerProperties producer = new KafkaProducerProperties();
        binder.bind("spring.cloud.stream.kafka.default.producer", Bindable.ofInstance(producer));
        return new KafkaClientSettings(binderProperties, kafka, connectionDetails.getIfAvailable(), producer);
    }

    /** A producer binding with the binder's default producer settings ({@code spring.cloud.stream.kafka.default.producer}). */
    public ExtendedProducerProperties<KafkaProducerProperties> producerBinding() {
        return new ExtendedProducerProperties<>(defaultProducer);
    }

    /** The configuration the binder would give {@code binding}'s producer. */
    public Map<String, Object> producer(ExtendedProducerProperties<KafkaProducerProperties> binding) {
        return new HashMap<>(BindingUtils.createProducerConfigs(binding, binder));
    }

    /** The configuration the binder gives its consumers, for a consumer of the group {@code groupId}. */
    public Map<String, Object> consumer(String groupId) {
        Map<String, Object> config = new HashMap<>(binder.mergedConsumerConfiguration());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        return config;
    }

    /** Creates or checks topics as the binder does for its bindings (partitions, replication factor, admin settings). */
    public KafkaTopicProvisioner topics() {
        KafkaTopicProvisioner topics = new KafkaTopicProvisioner(binder, kafka, connectionDetails, List.of());
        topics.afterPropertiesSet();
        return topics;
    }
}
