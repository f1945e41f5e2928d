package org.redciudades.identity;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The local stand-in for the organization's OpenID Connect provider: see this module's README. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IdentityProviderApplication {

    /**
     * The provider reads {@code identity-provider.yml}, not {@code application.yml}: other applications have the
     * thin jar on their classpath for its client, and must not pick up the provider's settings.
     */
    static final String CONFIG_NAME = "identity-provider";

    public static void main(String[] args) {
        var application = new SpringApplication(IdentityProviderApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
