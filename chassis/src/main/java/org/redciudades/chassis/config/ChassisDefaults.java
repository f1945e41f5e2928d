package org.redciudades.chassis.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code chassis-defaults.properties} (producer safety, retries and dead letters, probes, logs)
 * as the lowest-precedence property source, so each service states only what is its own and can still
 * override any default.
 */
public class ChassisDefaults implements EnvironmentPostProcessor {

    static final String NAME = "chassisDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource(NAME, new ClassPathResource("chassis-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
