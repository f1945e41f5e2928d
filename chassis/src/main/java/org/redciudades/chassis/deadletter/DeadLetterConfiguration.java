package org.redciudades.chassis.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.redciudades.chassis.security.ApiAccess;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.support.KafkaClientSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Dead-letter handling in every service: the collector, the store, erasure and the ops API. */
@AutoConfiguration
public class DeadLetterConfiguration {

    @Bean
    DeadLetterTopics deadLetterTopics(ConfigurableEnvironment environment) {
        return DeadLetterTopics.of(environment);
    }

    @Bean
    DeadLetters deadLetters(JdbcClient jdbc, TransactionTemplate transactions, StreamBridge streamBridge, JsonMapper json,
                            Clock clock, MeterRegistry meters, DeadLetterTopics topics) {
        return new DeadLetters(jdbc, transactions, streamBridge, json, clock, meters, topics);
    }

    @Bean
    DeadLetterErasure deadLetterErasure(JdbcClient jdbc, JsonMapper json, Clock clock) {
        return new DeadLetterErasure(jdbc, json, clock);
    }

    @Bean
    DeadLetterCollector deadLetterCollector(DeadLetterTopics topics, DeadLetters deadLetters, DeadLetterErasure erasure,
                                            TransactionTemplate transactions, KafkaClientSettings kafka) {
        return new DeadLetterCollector(topics, deadLetters, erasure, transactions, kafka);
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    @Bean
    ApiAccess deadLetterAccess() {
        return rules -> rules.requestMatchers("/api/v1/ops/**").hasRole(Roles.OPS);
    }
}
