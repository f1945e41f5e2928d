package org.redciudades.chassis.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the chassis finds a caller's roles and verified email in a token, so that any OpenID Connect
 * provider works without code (chassis/API.md, "Who may call").
 *
 * @param rolesClaim         the claim that lists the roles: a top-level name ({@code roles}, as Entra ID
 *                           puts app roles) or a dotted path into nested objects ({@code realm_access.roles},
 *                           Keycloak's realm roles). A claim whose whole name contains dots (Auth0's
 *                           namespaced {@code https://redciudades.org/roles}) is found by that name first.
 * @param emailClaim         the claim with the person's email address
 * @param emailVerifiedClaim the claim that says the provider verified that address; the address counts
 *                           only when it is {@code true} (a boolean, or the string "true")
 * @param publicMetrics      serve {@code /actuator/prometheus} without a token (a scrape network that
 *                           nobody else reaches); otherwise it needs the ops role
 * @param clockSkew          how long after its expiry (and before its not-before) a token is still taken, for
 *                           clocks that disagree a little: Spring Security's 60 s unless set
 * @param verifiedTokens     how many verified tokens each instance remembers, so that a token's next requests are
 *                           not verified again until it expires ({@link VerifiedTokens}); with 0, every request's token is verified
 */
@ConfigurationProperties("chassis.security")
public record SecurityProperties(
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("email") String emailClaim,
        @DefaultValue("email_verified") String emailVerifiedClaim,
        @DefaultValue("false") boolean publicMetrics,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("1000") int verifiedTokens) {
}
