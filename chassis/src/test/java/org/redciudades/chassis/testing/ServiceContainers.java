package org.redciudades.chassis.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A Kafka broker and a PostgreSQL server in containers for a service, started and stopped with its application
 * context: at development time (each service's {@code Test<Name>Application}, run by
 * {@code ./mvnw -B -pl <service> -am -DskipTests package spring-boot:test-run}) and in its {@code *ContainersIT}.
 * The images are {@link ContainerImages}'.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ServiceContainers {

    @Bean
    @ServiceConnection
    public KafkaContainer kafkaContainer() {
        return new KafkaContainer(ContainerImages.kafka());
    }

    @Bean
    @ServiceConnection
    public PostgreSQLContainer postgresContainer() {
        return new PostgreSQLContainer(ContainerImages.postgres());
    }

    /**
     * The binder and the chassis' own Kafka clients take their brokers from
     * {@code spring.cloud.stream.kafka.binder.brokers}, which each service's application.yml sets, not from the
     * connection details {@code @ServiceConnection} gives Spring Boot's Kafka clients.
     */
    @Bean
    public DynamicPropertyRegistrar binderBrokers(KafkaContainer kafkaContainer) {
        return registry -> registry.add("spring.cloud.stream.kafka.binder.brokers",
                kafkaContainer::getBootstrapServers);
    }
}
