package org.redciudades.chassis.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the bearer token says: the subject, the institution of member staff
 * ({@code member_id}) and the person's email address ({@code email}, the OpenID Connect claim).
 */
public record Caller(String subject, Optional<UUID> memberId, Optional<String> email) {

    /** The claim that carries a member staff person's institution id. */
    public static final String MEMBER_ID_CLAIM = "member_id";

    public static Caller of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("No bearer token on this request");
        }
        Jwt jwt = token.getToken();
        String email = jwt.getClaimAsString("email");
        return new Caller(jwt.getSubject(), memberId(jwt),
                Optional.ofNullable(email).filter(e -> !e.isBlank()).map(e -> e.strip().toLowerCase(java.util.Locale.ROOT)));
    }

    private static Optional<UUID> memberId(Jwt jwt) {
        String claim = jwt.getClaimAsString(MEMBER_ID_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
