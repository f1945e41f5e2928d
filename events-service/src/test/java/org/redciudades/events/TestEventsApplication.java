package org.redciudades.events;

import org.redciudades.chassis.testing.ServiceContainers;
import org.springframework.boot.SpringApplication;

/**
 * events-service for development, with Kafka and PostgreSQL in containers that start and stop with it (the
 * chassis' {@link ServiceContainers}), under the local profile (the local identity provider at 127.0.0.1:8090,
 * development secrets): {@code ./mvnw -B -pl events-service -am -DskipTests package spring-boot:test-run}. It needs
 * a container engine (the README's "Tests on containers").
 */
public class TestEventsApplication {

    public static void main(String[] args) {
        SpringApplication.from(EventsApplication::main).with(ServiceContainers.class)
                .withAdditionalProfiles("local").run(args);
    }
}
