package org.redciudades.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.MovableClock;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * {@link VerifiedTokens} in front of a real Nimbus decoder (RSA signatures, Spring Security's time check), both on one
 * clock that the tests move.
 */
class VerifiedTokensTest {

    static final Duration SKEW = Duration.ofSeconds(60);
    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    final MovableClock clock = new MovableClock(START);
    final RSAKey key = newKey();
    final AtomicInteger verifications = new AtomicInteger();
    final JwtDecoder counted = counting(nimbus(key));

    @Test
    void a_token_is_verified_once_and_then_taken_from_memory_while_it_is_valid() {
        VerifiedTokens tokens = new VerifiedTokens(counted, 100, SKEW, clock);
        String token = sign(key, "ana", START.plusSeconds(300));

        Jwt first = tokens.decode(token);
        clock.advance(Duration.ofSeconds(299));
        Jwt again = tokens.decode(token);

        assertThat(again).isSameAs(first);
        assertThat(again.getSubject()).isEqualTo("ana");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void a_token_verified_before_is_refused_once_past_its_expiry_and_the_clock_skew() {
        VerifiedTokens tokens = new VerifiedTokens(counted, 100, SKEW, clock);
        String token = sign(key, "ana", START.plusSeconds(120));
        tokens.decode(token);

        clock.advance(Duration.ofSeconds(120).plus(SKEW).minusSeconds(1));
        assertThat(tokens.decode(token).getSubject()).as("within the skew").isEqualTo("ana");
        assertThat(verifications).as("within the skew, from memory").hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(tokens.size()).as("forgotten").isZero();
    }

    @Test
    void a_remembered_token_is_verified_again_once_it_has_been_held_for_the_maximum_age() {
        VerifiedTokens tokens = new VerifiedTokens(counted, 100, SKEW, clock);
        String token = sign(key, "ana", START.plusSeconds(3600));
        tokens.decode(token);

        clock.advance(VerifiedTokens.MAX_AGE.minusSeconds(1));
        tokens.decode(token);
        assertThat(verifications).as("within the maximum age").hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        tokens.decode(token);
        tokens.decode(token);
        assertThat(verifications).as("verified again, then held anew").hasValue(2);
    }

    @Test
    void a_token_without_an_expiry_is_verified_every_time() {
        VerifiedTokens tokens = new VerifiedTokens(counted, 100, SKEW, clock);
        String token = sign(key, new JWTClaimsSet.Builder().subject("ana").build());

        tokens.decode(token);
        tokens.decode(token);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void a_token_bound_to_a_client_certificate_is_verified_every_time() {
        VerifiedTokens tokens = new VerifiedTokens(counted, 100, SKEW, clock);
        String token = sign(key, new JWTClaimsSet.Builder().subject("ana").expirationTime(Date.from(START.plusSeconds(300)))
                .claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")).build());

        tokens.decode(token);
        tokens.decode(token);

        assertThat(verifications).as("its certificate is checked against each request's").hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void a_refused_token_is_not_remembered_and_is_verified_again_each_time() {
        VerifiedTokens tokens = new VerifiedTokens(counted, 100, SKEW, clock);
        String forged = sign(newKey(), "ana", START.plusSeconds(300));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void a_verified_token_with_another_signature_is_verified_afresh_and_refused() {
        VerifiedTokens tokens = new VerifiedTokens(counted, 100, SKEW, clock);
        String genuine = sign(key, "ana", START.plusSeconds(300));
        tokens.decode(genuine);
        String[] parts = genuine.split("\\.");
        String reSigned = sign(newKey(), "ana", START.plusSeconds(300)).split("\\.")[2];

        assertThatThrownBy(() -> tokens.decode(parts[0] + "." + parts[1] + "." + reSigned))
                .isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void it_holds_at_most_its_capacity_forgetting_the_least_recently_used() {
        VerifiedTokens tokens = new VerifiedTokens(counted, 2, SKEW, clock);
        String ana = sign(key, "ana", START.plusSeconds(300));
        String bea = sign(key, "bea", START.plusSeconds(300));
        String cruz = sign(key, "cruz", START.plusSeconds(300));

        tokens.decode(ana);
        tokens.decode(bea);
        tokens.decode(ana);
        tokens.decode(cruz);   // bea, the least recently used, makes way
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(verifications).hasValue(3);

        tokens.decode(ana);
        assertThat(verifications).as("ana still held").hasValue(3);
        tokens.decode(bea);
        assertThat(verifications).as("bea verified again").hasValue(4);
    }

    private JwtDecoder nimbus(RSAKey signingKey) {
        try {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(signingKey.toRSAPublicKey()).build();
            JwtTimestampValidator times = new JwtTimestampValidator(SKEW);
            times.setClock(clock);
            decoder.setJwtValidator(times);
            return decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JwtDecoder counting(JwtDecoder decoder) {
        return token -> {
            verifications.incrementAndGet();
            return decoder.decode(token);
        };
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("k" + System.nanoTime()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(RSAKey signingKey, String subject, Instant expiresAt) {
        return sign(signingKey, new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(expiresAt)).build());
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
