package org.redciudades.chassis.testing;

import java.util.List;

/**
 * The services' signing keys for tests that run a service's jar as it ships (outside the {@code local} profile, where
 * its built-in development secrets are refused: the chassis' {@code DevelopmentSecrets}). Each service ignores the
 * other's. Tests inside a service's own module take theirs from its {@code src/test/resources/application.properties}.
 */
public final class TestSecrets {

    private TestSecrets() {
    }

    /** Command-line arguments that set every service's signing keys to test values. */
    public static List<String> arguments() {
        return List.of(
                "--events.guest-links.secret=test-only-guest-links-secret-of-the-service-jars-5d0c",
                "--notification.unsubscribe.secret=test-only-unsubscribe-secret-of-the-service-jars-8a41");
    }
}
