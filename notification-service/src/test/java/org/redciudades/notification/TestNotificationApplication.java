package org.redciudades.notification;

import org.redciudades.chassis.testing.ServiceContainers;
import org.springframework.boot.SpringApplication;

/**
 * notification-service for development, with Kafka and PostgreSQL in containers that start and stop with it (the
 * chassis' {@link ServiceContainers}), under the local profile (the local identity provider at 127.0.0.1:8090,
 * development secrets):
 * {@code ./mvnw -B -pl notification-service -am -DskipTests package spring-boot:test-run}. It needs a container
 * engine (the README's "Tests on containers"). Mail goes to spring.mail.host and port (localhost:2525), as on the
 * local stack.
 */
public class TestNotificationApplication {

    public static void main(String[] args) {
        SpringApplication.from(NotificationApplication::main).with(ServiceContainers.class)
                .withAdditionalProfiles("local").run(args);
    }
}
