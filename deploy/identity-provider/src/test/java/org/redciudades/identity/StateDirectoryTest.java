package org.redciudades.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.identity.ProviderHttp.claims;
import static org.redciudades.identity.ProviderHttp.jwks;
import static org.redciudades.identity.ProviderHttp.verifies;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redciudades.identity.client.IdentityProviderClient;
import org.redciudades.identity.client.Person;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** With {@code identity.state-dir}, people put through the API and the signing keys outlive the process. */
class StateDirectoryTest {

    @TempDir
    Path stateDir;

    @Test
    void people_put_through_the_api_and_tokens_signed_before_a_restart_are_still_there_after_it() throws Exception {
        String tokenBefore;
        try (var first = start()) {
            var provider = client(first);
            var admin = provider.adminToken("admin-secret");
            provider.putPerson(admin, new Person("fer", "fer-clave", "fer@example.org", "Fer Díaz", "es-MX",
                    List.of("member")));
            // a configured person replaced through the API is as configured again after a restart
            provider.putPerson(admin, new Person("ana", "otra-clave", "ana@example.org", "Ana Cambiada", "en",
                    List.of()));
            tokenBefore = provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "fer", "fer-clave").accessToken();
        }

        try (var second = start()) {
            var provider = client(second);

            var fer = claims(provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "fer", "fer-clave")
                    .accessToken());
            var ana = claims(provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "ana", "ana-secreto")
                    .accessToken());

            assertThat(fer.getStringClaim("name")).isEqualTo("Fer Díaz");
            assertThat(ana.getStringClaim("name")).isEqualTo("Ana Torres");
            assertThat(verifies(tokenBefore, jwks(provider.baseUrl()))).isTrue();
        }
        assertThat(stateDir.resolve("people.json")).exists();
        assertThat(stateDir.resolve("keys")).isNotEmptyDirectory();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(IdentityProviderApplication.class)
                .profiles("test")
                .properties("spring.config.name=" + IdentityProviderApplication.CONFIG_NAME)
                .run("--server.port=0", "--identity.state-dir=" + stateDir);
    }

    private static IdentityProviderClient client(ConfigurableApplicationContext context) {
        return new IdentityProviderClient(
                URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")));
    }
}
