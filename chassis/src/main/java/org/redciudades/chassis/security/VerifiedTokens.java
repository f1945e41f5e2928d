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
 * plus the clock skew it is forgotten and handed to the decoder, which refuses it. A token without an expiry is never
 * remembered. A refused token is never remembered. The least recently used tokens make way once {@code capacity}
 * are held.
 */
public final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder decoder;
    private final ConcurrentLruCache<String, Jwt> verified;
    private final Clock clock;
    private final Duration clockSkew;

    public VerifiedTokens(JwtDecoder decoder, int capacity, Duration clockSkew, Clock clock) {
        this.decoder = decoder;
        this.verified = new ConcurrentLruCache<>(capacity, decoder::decode);
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token);   // verified by the decoder unless held
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null && clock.instant().isBefore(expiresAt.plus(clockSkew))) {
            return jwt;
        }
        verified.remove(token);
        return expiresAt == null ? jwt : decoder.decode(token);   // past its time: the decoder refuses it
    }

    /** How many tokens are remembered. */
    int size() {
        return verified.size();
    }
}
