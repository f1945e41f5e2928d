package org.redciudades.chassis.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redciudades.identity.client.IdentityProviderClient;
import org.redciudades.identity.client.IdentityProviderProcess;
import org.redciudades.identity.client.Person;

/**
 * The identity provider of a test JVM: {@code deploy/identity-provider}'s executable jar, started as a child JVM on
 * first use and stopped with this JVM, as the Kafka broker and PostgreSQL are per JVM. People are put into it through
 * its admin API and sign in with the authorization code flow and PKCE, as the command-line client does; the services
 * under test find it through {@code issuer-uri} (discovery, then the JWKS).
 * <p>
 * It is started without a fixed issuer, so it names the address it is reached at: tokens fetched through
 * {@link #ISSUER_HOST} carry the issuer the services trust, tokens fetched through {@code localhost} are a genuine
 * token of another issuer, signed with the same keys.
 */
public final class TestIdentityProvider {

    /** The host the services are told the issuer is at. */
    public static final String ISSUER_HOST = "127.0.0.1";
    public static final String PASSWORD = "contraseña-de-prueba";
    static final String CLI_CLIENT = "redciudades-cli";
    static final String REDIRECT_URI = "http://127.0.0.1/callback";
    /** A client whose tokens expire a second after they are issued. */
    static final String SHORT_LIVED_CLIENT = "short-lived";
    /** A client of its own, not a person's: client-credentials tokens without email or roles. */
    static final String MACHINE_CLIENT = "machine";
    private static final String MACHINE_SECRET = "machine-secret";
    private static final String ADMIN_SECRET = "test-admin-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static volatile TestIdentityProvider instance;

    private final IdentityProviderProcess process;
    private final IdentityProviderClient client;
    private final IdentityProviderClient elsewhere;
    private final Map<String, Boolean> people = new ConcurrentHashMap<>();

    private TestIdentityProvider(IdentityProviderProcess process) {
        this.process = process;
        this.client = new IdentityProviderClient(process.baseUrl());
        this.elsewhere = new IdentityProviderClient(URI.create("http://localhost:" + process.port()));
    }

    /** The JVM's provider, started and ready. */
    public static TestIdentityProvider get() {
        TestIdentityProvider provider = instance;
        if (provider == null) {
            synchronized (TestIdentityProvider.class) {
                provider = instance;
                if (provider == null) {
                    provider = instance = start();
                }
            }
        }
        return provider;
    }

    private static TestIdentityProvider start() {
        Path log = Path.of("target", "identity-provider-" + ProcessHandle.current().pid() + ".log");
        IdentityProviderProcess process = IdentityProviderProcess.start(IdentityProviderProcess.defaultExecJar(), 0, log,
                List.of("--identity.admin-secret=" + ADMIN_SECRET,
                        "--identity.clients." + SHORT_LIVED_CLIENT + ".redirect-uris=" + REDIRECT_URI,
                        "--identity.clients." + SHORT_LIVED_CLIENT + ".scopes=openid,profile,email",
                        "--identity.clients." + SHORT_LIVED_CLIENT + ".access-token-ttl=1s",
                        "--identity.clients." + MACHINE_CLIENT + ".secret=" + MACHINE_SECRET,
                        "--identity.clients." + MACHINE_CLIENT + ".grant-types=client_credentials",
                        "--identity.clients." + MACHINE_CLIENT + ".scopes=api"));
        return new TestIdentityProvider(process.awaitReady(START_TIMEOUT));
    }

    /** The issuer the services trust, for {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}. */
    public String issuer() {
        return "http://" + ISSUER_HOST + ":" + process.port();
    }

    public IdentityProviderClient client() {
        return client;
    }

    /** The admin API's token, for tests that rotate keys. */
    public String adminToken() {
        return client.adminToken(ADMIN_SECRET);
    }

    /** Puts the person into the provider once per JVM (people are never changed afterwards). */
    void ensure(Person person) {
        people.computeIfAbsent(person.username(), username -> {
            client.putPerson(adminToken(), person);
            return true;
        });
    }

    /** An access token for {@code username}, signed in through the command-line client. */
    public String signIn(String username) {
        return client.signIn(CLI_CLIENT, REDIRECT_URI, username, PASSWORD).accessToken();
    }

    /** A client-credentials token: the provider vouches for a program, not a person. */
    String machineToken() {
        return client.clientCredentials(MACHINE_CLIENT, MACHINE_SECRET, "api");
    }

    /** An access token that expires one second after it is issued. */
    String signInShortLived(String username) {
        return client.signIn(SHORT_LIVED_CLIENT, REDIRECT_URI, username, PASSWORD).accessToken();
    }

    /** An access token from the same provider reached as {@code localhost}: another issuer, a valid signature. */
    String signInElsewhere(String username) {
        return elsewhere.signIn(CLI_CLIENT, REDIRECT_URI, username, PASSWORD).accessToken();
    }
}
