package org.redciudades.chassis.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.ConcurrentLruCache;

/**
 * Remembers the tokens the decoder has verified, so that a caller's next requests with the same token are not
 * verified again: the signature (RSA), the claims' conversion and the issuer, audience and time checks took 12% of
 * events-service's CPU under the end-to-end benchmark, for a token that the portal sends with every call of a
 * person's session.
 *
 * <p>A token is found by its whole text, signature included, so a token altered in any way is verified afresh.
 * What verification found is true for the token's whole life but for its time, which is checked again on every use,
 * as {@link org.springframework.security.oauth2.jwt.JwtTimestampValidator} does: once the token is past its expiry
 * plus the clock skew it is forgotten and handed to the decoder, which refuses it. A token is verified again at least
 * every {@link #MAX_AGE}, so that a withdrawn signing key stops being honoured. A token without an expiry, one bound
 * to a client certificate, and a refused one are never remembered. The least recently used tokens make way once
 * {@code capacity} are held.
 */
public final class VerifiedTokens implements JwtDecoder {

    /**
     * How long a token is taken from memory before it is verified again, so that a signing key the provider withdraws
     * from its JWKS stops being honoured within this time, as Spring's own cache of the JWKS refreshes it.
     */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** A token the decoder took, and when. */
    private record Verified(Jwt jwt, Instant at) {
    }

    private final ConcurrentLruCache<String, Verified> verified;
    private final Clock clock;
    private final Duration clockSkew;

    public VerifiedTokens(JwtDecoder decoder, int capacity, Duration clockSkew, Clock clock) {
        this.verified = new ConcurrentLruCache<>(capacity, token -> new Verified(decoder.decode(token), clock.instant()));
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Verified held = verified.get(token);   // verified by the decoder unless held
        if (!rememberable(held.jwt())) {
            verified.remove(token);
            return held.jwt();   // just verified: such a token is never kept
        }
        if (current(held)) {
            return held.jwt();
        }
        verified.remove(token);
        return verified.get(token).jwt();   // verified again: the decoder refuses an expired token
    }

    private boolean current(Verified held) {
        Instant now = clock.instant();
        return now.isBefore(held.jwt().getExpiresAt().plus(clockSkew)) && now.isBefore(held.at().plus(MAX_AGE));
    }

    /**
     * Whether the verification holds for the token's life: it has an expiry, and it is not bound to a client
     * certificate ({@code cnf}, RFC 8705), which is checked against each request's certificate.
     */
    private static boolean rememberable(Jwt jwt) {
        return jwt.getExpiresAt() != null && !jwt.hasClaim("cnf");
    }

    /** How many tokens are remembered. */
    int size() {
        return verified.size();
    }
}
