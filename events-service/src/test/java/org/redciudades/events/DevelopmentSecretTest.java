package org.redciudades.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/**
 * The service as it ships, with only its own application.yml (not the tests' key): outside the local profile it
 * refuses to start with the manage links' development key, before it connects to anything.
 */
class DevelopmentSecretTest {

    @Test
    void outside_the_local_profile_the_service_refuses_to_start_with_its_built_in_manage_link_key() {
        SpringApplication application = new SpringApplication(EventsApplication.class);
        assertThatThrownBy(() -> application.run("--spring.config.location=classpath:application.yml",
                "--spring.main.banner-mode=off"))
                .hasMessageContaining("events.guest-links.secret (set EVENTS_GUESTLINKS_SECRET");
    }
}
