package org.redciudades.chassis.security;

import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;

/**
 * Who is calling, as their bearer token says, read once per request by {@link CallerTokenConverter}: the
 * subject, the email address the identity provider verified (normalized as
 * {@link org.redciudades.chassis.privacy.EmailAddresses#normalized}; empty when the token has none, or
 * does not say it was verified), and the roles. It is the request's principal. Which institution a person
 * acts for is not in the token: each service derives it from the verified email and its own projection
 * of membership.
 */
public record Caller(String subject, Optional<String> verifiedEmail, Set<String> roles) implements AuthenticatedPrincipal {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The caller of a request that passed bearer-token authentication. */
    public static Caller of(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller)) {
            throw new IllegalStateException("No bearer token on this request");
        }
        return caller;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isOrganizer() {
        return hasRole(Roles.ORGANIZER);
    }

    public boolean isOps() {
        return hasRole(Roles.OPS);
    }

    /** The subject: what Spring Security, the idempotency keys and the audit trails call the caller. */
    @Override
    public String getName() {
        return subject;
    }
}
