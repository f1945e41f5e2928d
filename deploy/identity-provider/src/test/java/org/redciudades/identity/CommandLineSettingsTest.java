package org.redciudades.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redciudades.identity.ProviderHttp.claims;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.redciudades.identity.client.IdentityProviderClient;
import org.redciudades.identity.client.IdentityProviderException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** What a test JVM or the local stack's launcher sets on the provider's command line. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, args = {
        "--identity.issuer=http://127.0.0.1:8090",
        "--identity.admin-secret=another-admin-secret",
        "--identity.people.eva.password=eva-clave",
        "--identity.people.eva.email=eva@example.org",
        "--identity.people.eva.name=Eva Ruiz",
        "--identity.people.eva.roles=ops,organizer",
        "--identity.clients.short-lived.redirect-uris=http://127.0.0.1/callback",
        "--identity.clients.short-lived.scopes=openid",
        "--identity.clients.short-lived.access-token-ttl=1s"})
class CommandLineSettingsTest {

    @LocalServerPort
    int port;

    @Test
    void a_configured_issuer_is_every_tokens_issuer_whatever_the_host_name() {
        for (var host : new String[] {"127.0.0.1", "localhost"}) {
            var baseUrl = URI.create("http://" + host + ":" + port);
            var discovery = JsonMapper.shared()
                    .readTree(ProviderHttp.get(URI.create(baseUrl + "/.well-known/openid-configuration")).body());
            var tokens = new IdentityProviderClient(baseUrl)
                    .signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "eva", "eva-clave");

            assertThat(discovery.path("issuer").stringValue()).isEqualTo("http://127.0.0.1:8090");
            assertThat(claims(tokens.accessToken()).getIssuer()).isEqualTo("http://127.0.0.1:8090");
            assertThat(claims(tokens.idToken()).getIssuer()).isEqualTo("http://127.0.0.1:8090");
        }
    }

    @Test
    void a_client_added_on_the_command_line_joins_the_configured_ones_with_its_own_token_lifetime() throws Exception {
        var provider = new IdentityProviderClient(URI.create("http://127.0.0.1:" + port));

        var shortLived = provider.signIn("short-lived", null, "http://127.0.0.1/callback", "openid", "eva", "eva-clave");
        var usual = provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "eva", "eva-clave");

        var claims = claims(shortLived.accessToken());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(shortLived.expiresIn()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(claims.getStringListClaim("roles")).containsExactly("ops", "organizer");
        assertThat(usual.expiresIn()).isGreaterThan(Duration.ofMinutes(59));
    }

    @Test
    void the_admin_secret_comes_from_its_own_setting() {
        var provider = new IdentityProviderClient(URI.create("http://127.0.0.1:" + port));

        assertThat(provider.adminToken("another-admin-secret")).isNotBlank();
        assertThatThrownBy(() -> provider.adminToken("admin-secret"))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
