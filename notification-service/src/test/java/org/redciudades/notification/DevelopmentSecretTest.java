package org.redciudades.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/**
 * The service as it ships, with only its own application.yml (not the tests' key): outside the local profile it
 * refuses to start with the unsubscribe links' development key, before it connects to anything.
 */
class DevelopmentSecretTest {

    @Test
    void outside_the_local_profile_the_service_refuses_to_start_with_its_built_in_unsubscribe_key() {
        SpringApplication application = new SpringApplication(NotificationApplication.class);
        assertThatThrownBy(() -> application.run("--spring.config.location=classpath:application.yml",
                "--spring.main.banner-mode=off"))
                .hasMessageContaining("notification.unsubscribe.secret (set NOTIFICATION_UNSUBSCRIBE_SECRET");
    }
}
