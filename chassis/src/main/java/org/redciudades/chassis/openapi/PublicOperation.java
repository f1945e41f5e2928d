package org.redciudades.chassis.openapi;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that its service's {@code ApiAccess} rules let anyone call, so that the OpenAPI
 * document says a token is optional there. The access rules decide; this only documents them, and
 * each service's {@code ApiDescriptionsTest} checks that the two agree.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@SecurityRequirements
public @interface PublicOperation {
}
