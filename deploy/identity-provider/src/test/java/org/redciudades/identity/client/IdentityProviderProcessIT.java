package org.redciudades.identity.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executable jar as other modules' tests and the local stack use it: a child JVM, through this package only. */
class IdentityProviderProcessIT {

    @TempDir
    Path dir;

    @Test
    void the_executable_jar_runs_as_a_child_jvm_that_people_sign_in_to_and_stops_when_asked() throws Exception {
        long started = System.nanoTime();
        try (var provider = IdentityProviderProcess.start(IdentityProviderProcess.defaultExecJar(), 0,
                dir.resolve("identity-provider.log"), List.of(
                        "--identity.state-dir=" + dir.resolve("state"),
                        "--identity.people.gabi.password=gabi-clave",
                        "--identity.people.gabi.email=gabi@example.org",
                        "--identity.people.gabi.name=Gabi Soto",
                        "--identity.people.gabi.roles=organizer"))) {
            provider.awaitReady(Duration.ofSeconds(120));
            System.out.printf("identity provider ready in %d ms, pid %d%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), provider.pid());

            var client = new IdentityProviderClient(provider.baseUrl());
            var gabi = client.signIn("redciudades-cli", "http://127.0.0.1/callback", "gabi", "gabi-clave");
            assertThat(issuerAndSubject(gabi.accessToken())).containsExactly(provider.baseUrl().toString(), "gabi");
            var viaLocalhost = new IdentityProviderClient(URI.create("http://localhost:" + provider.port()))
                    .signIn("redciudades-cli", "http://127.0.0.1/callback", "gabi", "gabi-clave");
            assertThat(issuerAndSubject(viaLocalhost.accessToken()))
                    .containsExactly("http://localhost:" + provider.port(), "gabi");

            client.putPerson(client.adminToken("admin-secret"),
                    new Person("hugo", "hugo-clave", "hugo@example.org", "Hugo Paz", "en", List.of("member")));
            var hugo = client.signIn("redciudades-cli", "http://127.0.0.1/callback", "hugo", "hugo-clave");
            assertThat(issuerAndSubject(hugo.accessToken())).containsExactly(provider.baseUrl().toString(), "hugo");

            assertThat(ProcessHandle.of(provider.pid())).isPresent();
            provider.stop();
            assertThat(provider.isAlive()).isFalse();
        }
        assertThat(dir.resolve("state/people.json")).exists();
    }

    private static List<String> issuerAndSubject(String token) throws ParseException {
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        return List.of(claims.getIssuer(), claims.getSubject());
    }
}
