package org.redciudades.chassis.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.redciudades.chassis.envelope.CloudEventHeaders;
import org.redciudades.chassis.health.BackgroundHealthChecks;
import org.redciudades.chassis.health.OpsStatusController;
import org.redciudades.chassis.health.ReadinessGauge;
import org.redciudades.chassis.inbox.InboundEvents;
import org.redciudades.chassis.inbox.ProcessedEvents;
import org.redciudades.chassis.outbox.Outbox;
import org.redciudades.chassis.outbox.OutboxProducer;
import org.redciudades.chassis.outbox.OutboxProperties;
import org.redciudades.chassis.outbox.OutboxRelay;
import org.redciudades.chassis.support.KafkaClientSettings;
import org.redciudades.chassis.tracing.Traces;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Wires the outbox, the inbox, the health checks and the CloudEvents header mapping into every service. */
@AutoConfiguration
@EnableConfigurationProperties(OutboxProperties.class)
public class ChassisAutoConfiguration {

    /** Static: a bean factory post-processor, made before this configuration's other beans. */
    @Bean
    static DevelopmentSecrets developmentSecrets(ConfigurableEnvironment environment) {
        return new DevelopmentSecrets(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Without a tracer (tracing switched off with management.tracing.enabled=false) traces are not continued. */
    @Bean
    Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, JsonMapper json, Clock clock, Traces traces) {
        return new Outbox(jdbc, json, clock, traces);
    }

    /** Closed after the relay has stopped, so that the rows of its last pass are acknowledged first. */
    @Bean
    OutboxProducer outboxProducer(KafkaClientSettings kafka, ConfigurableEnvironment environment, MeterRegistry meters) {
        return OutboxProducer.fromBinderConfiguration(kafka, environment).withMetrics(meters);
    }

    /** The settings of every Kafka client the chassis makes (the relay's producer, the dead-letter collector). */
    @Bean
    KafkaClientSettings kafkaClientSettings(ConfigurableEnvironment environment,
                                            ObjectProvider<KafkaProperties> kafkaProperties,
                                            ObjectProvider<KafkaConnectionDetails> connectionDetails) {
        return KafkaClientSettings.of(environment, kafkaProperties, connectionDetails);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, OutboxProducer producer,
                            OutboxProperties properties, Clock clock, MeterRegistry meters, Traces traces,
                            @Value("${chassis.events.source:/${spring.application.name}}") String source) {
        return new OutboxRelay(jdbc, transactions, producer, properties, source, clock, meters, traces);
    }

    @Bean
    OpsStatusController opsStatusController(MeterRegistry meters, @Value("${spring.application.name}") String service,
                                            Clock clock) {
        return new OpsStatusController(meters, service, clock);
    }

    @Bean
    ReadinessGauge readinessGauge(ObjectProvider<HealthEndpoint> health) {
        return new ReadinessGauge(health);
    }

    @Bean
    BackgroundHealthChecks backgroundHealthChecks(ObjectProvider<HealthContributorRegistry> registry,
            @Value("${chassis.health.background:db,binders}") List<String> names,
            @Value("${chassis.health.refresh-interval:1s}") Duration refreshInterval,
            @Value("${chassis.health.timeout:2s}") Duration timeout) {
        return new BackgroundHealthChecks(registry, names, refreshInterval, timeout);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc, Clock clock) {
        return new ProcessedEvents(jdbc, clock);
    }

    @Bean
    InboundEvents inboundEvents(ProcessedEvents processedEvents, TransactionTemplate transactions, JsonMapper json,
                                MeterRegistry meters, Traces traces) {
        // Consumers are tolerant readers: a producer may add fields, whatever the API's strict input says.
        JsonMapper tolerant = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        return new InboundEvents(processedEvents, transactions, tolerant, meters, traces);
    }

    /**
     * Carries only the CloudEvents and trace headers, as raw UTF-8 bytes, instead of the binder's default
     * JSON-encoded Spring headers, so that non-Spring consumers read the envelope as the spec defines it.
     */
    @Bean
    KafkaHeaderMapper cloudEventsHeaderMapper() {
        SimpleKafkaHeaderMapper mapper = new SimpleKafkaHeaderMapper(CloudEventHeaders.MAPPED);
        mapper.setMapAllStringsOut(true);
        return mapper;
    }
}
