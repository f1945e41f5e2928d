package org.redciudades.chassis.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs test JWTs with a key pair made once per JVM. The services under test trust its public key and
 * {@link #ISSUER} through the standard resource-server settings ({@link #properties()}), exactly as
 * production trusts its identity provider. The broken variants are signed or issued wrongly on purpose.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.redciudades.invalid";
    private static final KeyPair TRUSTED = rsa();
    private static final KeyPair STRANGER = rsa();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    /** Settings that make a service trust these tokens. */
    public static List<String> properties() {
        return List.of(
                "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + PUBLIC_KEY,
                "chassis.security.trusted-issuer=" + ISSUER);
    }

    /** Someone with {@code role} and no email address. */
    public static String withRole(String role) {
        return sign(TRUSTED, claims(role, ISSUER, Instant.now().plus(Duration.ofHours(1))).build());
    }

    /** A signed-in person with no role, whose identity provider verified {@code email}. */
    public static String forPerson(String email) {
        return sign(TRUSTED, person(null, email, true).build());
    }

    /** A person with {@code role} whose identity provider verified {@code email}. */
    public static String forPerson(String role, String email) {
        return sign(TRUSTED, person(role, email, true).build());
    }

    /** A signed-in person with no role whose token carries {@code email} but says it was not verified. */
    public static String unverifiedEmail(String email) {
        return sign(TRUSTED, person(null, email, false).build());
    }

    public static String expired(String role) {
        return sign(TRUSTED, claims(role, ISSUER, Instant.now().minus(Duration.ofHours(1))).build());
    }

    public static String badSignature(String role) {
        return sign(STRANGER, claims(role, ISSUER, Instant.now().plus(Duration.ofHours(1))).build());
    }

    public static String otherIssuer(String role) {
        return sign(TRUSTED, claims(role, "https://someone-else.example", Instant.now().plus(Duration.ofHours(1))).build());
    }

    private static JWTClaimsSet.Builder person(String role, String email, boolean verified) {
        return claims(role, ISSUER, Instant.now().plus(Duration.ofHours(1)))
                .claim("email", email).claim("email_verified", verified);
    }

    /** Without a role, the token has no roles claim at all, as a provider issues it to a person with none. */
    private static JWTClaimsSet.Builder claims(String role, String issuer, Instant expiry) {
        Instant issued = expiry.minus(Duration.ofHours(2));
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("test-" + (role == null ? "person" : role) + "-" + UUID.randomUUID())
                .claim("roles", role == null ? null : List.of(role))
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(KeyPair keys, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("test-jwt-", ".pem");
            file.toFile().deleteOnExit();
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TRUSTED.getPublic().getEncoded());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
