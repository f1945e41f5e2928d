package org.redciudades.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DevelopmentSecretsTest {

    @Test
    void a_development_secret_outside_the_local_profile_stops_the_start_naming_the_setting_and_its_variable() {
        StandardEnvironment environment = environment(Map.of(
                "events.guest-links.secret", "development-only-guest-links-secret",
                "spring.datasource.password", "s3cret"));
        assertThatThrownBy(() -> new DevelopmentSecrets(environment).postProcessBeanFactory(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("events.guest-links.secret (set EVENTS_GUESTLINKS_SECRET to a long random value)")
                .message().doesNotContain("spring.datasource.password");
    }

    @Test
    void a_development_secret_set_again_by_a_later_source_is_no_longer_one() {
        StandardEnvironment environment = environment(Map.of("notification.unsubscribe.secret", "development-only-x"));
        environment.getPropertySources().addFirst(new MapPropertySource("production",
                Map.of("notification.unsubscribe.secret", "9c1f2e7a5b3d4c6e8f0a1b2c3d4e5f60")));
        assertThatCode(() -> new DevelopmentSecrets(environment).postProcessBeanFactory(null)).doesNotThrowAnyException();
    }

    @Test
    void the_local_profile_may_use_development_secrets_and_tests_their_own() {
        StandardEnvironment local = environment(Map.of("notification.unsubscribe.secret", "development-only-x"));
        local.setActiveProfiles("local");
        assertThatCode(() -> new DevelopmentSecrets(local).postProcessBeanFactory(null)).doesNotThrowAnyException();
        StandardEnvironment test = environment(Map.of("notification.unsubscribe.secret", "test-only-x",
                "unresolved", "${NOWHERE}"));
        assertThat(DevelopmentSecrets.found(test)).isEmpty();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", properties));
        return environment;
    }
}
