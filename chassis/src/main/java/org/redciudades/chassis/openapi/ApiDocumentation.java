package org.redciudades.chassis.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The parts of each service's OpenAPI document that the chassis decides: the bearer token scheme, which
 * operations need it, and problem+json errors. What a service says about itself (title, description,
 * version) comes from its {@code springdoc.open-api.info.*} properties.
 */
@AutoConfiguration
public class ApiDocumentation {

    @Bean
    OpenApiCustomizer chassisApiDocumentation(
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri) {
        return new ChassisOpenApi(issuerUri);
    }
}
