package org.redciudades.chassis.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start a service that holds a development secret outside the {@code local} profile. A development secret
 * is any setting whose value begins with {@value #PREFIX} (the services' built-in signing keys, so the local stack and
 * a first run work without set-up); production sets each one, by its environment variable, to a long random value.
 * Tests use values that begin with {@code test-only-}.
 *
 * <p>It runs as the service's context starts, before any bean is made (so before any connection is opened), and in
 * the service's own context only: the binder's child contexts see the settings without the active profiles.
 */
public class DevelopmentSecrets implements BeanFactoryPostProcessor {

    /** How a development secret's value begins. */
    public static final String PREFIX = "development-only-";

    private final ConfigurableEnvironment environment;

    public DevelopmentSecrets(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            return;
        }
        List<String> found = found(environment);
        if (!found.isEmpty()) {
            throw new IllegalStateException("Development secrets outside the local profile: " + String.join(", ",
                    found.stream().map(name -> name + " (set " + variable(name) + " to a long random value)").toList())
                    + ". They are public in the source code; anyone could use them to sign links for this service.");
        }
    }

    /** The names of the settings whose value, as the service will read it, is a development secret. */
    static List<String> found(ConfigurableEnvironment environment) {
        TreeSet<String> names = new TreeSet<>();
        environment.getPropertySources().stream()
                .filter(EnumerablePropertySource.class::isInstance)
                .flatMap(source -> Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
                .forEach(names::add);
        return names.stream().filter(name -> isDevelopmentSecret(environment, name)).toList();
    }

    private static boolean isDevelopmentSecret(ConfigurableEnvironment environment, String name) {
        try {
            String value = environment.getProperty(name);
            return value != null && value.startsWith(PREFIX);
        } catch (IllegalArgumentException unresolvable) {
            return false; // a placeholder without a value: not a secret written in the source
        }
    }

    /** The environment variable that sets {@code name}, as Spring Boot binds it ({@code a.b-c} is {@code A_BC}). */
    static String variable(String name) {
        return name.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
