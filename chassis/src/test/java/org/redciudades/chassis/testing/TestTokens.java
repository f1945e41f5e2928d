package org.redciudades.chassis.testing;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redciudades.identity.client.Person;

/**
 * Access tokens for tests, from the test JVM's running identity provider ({@link TestIdentityProvider}): each person
 * is put into the provider once and signs in with the authorization code flow and PKCE, and the services under test
 * check the tokens through {@code issuer-uri} (discovery and JWKS), exactly as in production. A person's token is
 * kept for the JVM (tokens live an hour; a test JVM runs for minutes), so the same person is the same subject in
 * every call. The broken variants are made the way they happen: an expired token is one of the provider's, waited
 * out; a token of another issuer is the provider's own, reached under another name; a bad signature is a forgery.
 */
public final class TestTokens {

    /**
     * The services under test accept a token this long after its expiry ({@code chassis.security.clock-skew}, set by
     * {@link #properties}), so that an expired token is had in seconds rather than production's minute.
     */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(3);
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, String> EXPIRED = new ConcurrentHashMap<>();
    private static final Map<String, String> ELSEWHERE = new ConcurrentHashMap<>();
    private static final RSAKey FORGER = forgerKey();

    private TestTokens() {
    }

    /** Settings that make a service trust the test JVM's provider, as production trusts its own. */
    public static List<String> properties() {
        return List.of("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIdentityProvider.get().issuer(),
                "chassis.security.clock-skew=" + CLOCK_SKEW.toSeconds() + "s");
    }

    /** Someone with {@code role} (organizer, ops), the same person for every call with that role. */
    public static String withRole(String role) {
        return token(staff(role));
    }

    /** The subject ({@code sub}) of {@link #withRole}'s person with {@code role}. */
    public static String subjectWithRole(String role) {
        return staff(role).username();
    }

    /** A token the provider issued to a program (client credentials): no person, so no email and no role. */
    public static String withoutPerson() {
        return TestIdentityProvider.get().machineToken();
    }

    /** A signed-in person with no role, whose identity provider verified {@code email}. */
    public static String forPerson(String email) {
        return token(person(null, email, true));
    }

    /** A person with {@code role} whose identity provider verified {@code email}. */
    public static String forPerson(String role, String email) {
        return token(person(role, email, true));
    }

    /** A signed-in person with no role whose token carries {@code email} but says it was not verified. */
    public static String unverifiedEmail(String email) {
        return token(person(null, email, false));
    }

    /**
     * A token of someone with {@code role} that has expired beyond the services' clock skew: issued by a client whose
     * tokens live one second, then waited out (once per role and JVM; {@link #prepareExpired} starts the clock early).
     */
    public static String expired(String role) {
        String token = EXPIRED.computeIfAbsent(role, TestTokens::shortLived);
        Instant invalidFrom = expiry(token).plus(CLOCK_SKEW).plusSeconds(1);
        await("token of " + role + " expired beyond the clock skew").atMost(CLOCK_SKEW.plusSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> Instant.now().isAfter(invalidFrom));
        return token;
    }

    /** Starts the clock of {@link #expired} for these roles now, so that the wait is over by the time they are used. */
    public static void prepareExpired(String... roles) {
        for (String role : roles) {
            EXPIRED.computeIfAbsent(role, TestTokens::shortLived);
        }
    }

    /** A valid token of someone with {@code role}, re-signed with a key the provider never had. */
    public static String badSignature(String role) {
        try {
            SignedJWT genuine = SignedJWT.parse(withRole(role));
            SignedJWT forged = new SignedJWT(genuine.getHeader(), genuine.getJWTClaimsSet());
            forged.sign(new RSASSASigner(FORGER));
            return forged.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token the provider signed for someone with {@code role}, naming another issuer than the services trust. */
    public static String otherIssuer(String role) {
        Person person = staff(role);
        TestIdentityProvider.get().ensure(person);
        return ELSEWHERE.computeIfAbsent(role, r -> TestIdentityProvider.get().signInElsewhere(person.username()));
    }

    private static String token(Person person) {
        TestIdentityProvider provider = TestIdentityProvider.get();
        provider.ensure(person);
        return TOKENS.computeIfAbsent(person.username(), provider::signIn);
    }

    /** A fresh token of someone with {@code role} from a client whose tokens live one second. */
    public static String shortLived(String role) {
        Person person = staff(role);
        TestIdentityProvider.get().ensure(person);
        return TestIdentityProvider.get().signInShortLived(person.username());
    }

    /** The person who has {@code role} in this JVM's tests: {@code organizer@test.redciudades.example}... */
    private static Person staff(String role) {
        return new Person("test-" + role, TestIdentityProvider.PASSWORD, role + "@test.redciudades.example", true,
                "Prueba " + role, "es-MX", "America/Mexico_City", List.of(role), Map.of());
    }

    private static Person person(String role, String email, boolean verified) {
        String username = email.strip().toLowerCase(Locale.ROOT) + (verified ? "" : "#unverified")
                + (role == null ? "" : "#" + role);
        return new Person(username, TestIdentityProvider.PASSWORD, email, verified, "Persona de prueba", "es-MX",
                "America/Mexico_City", role == null ? List.of() : List.of(role), Map.of());
    }

    private static Instant expiry(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey forgerKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("forged").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
