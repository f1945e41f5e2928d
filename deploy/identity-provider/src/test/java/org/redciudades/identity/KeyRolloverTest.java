package org.redciudades.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.identity.ProviderHttp.claims;
import static org.redciudades.identity.ProviderHttp.jwks;
import static org.redciudades.identity.ProviderHttp.keyId;
import static org.redciudades.identity.ProviderHttp.verifies;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redciudades.identity.client.IdentityProviderClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
@ActiveProfiles("test")
class KeyRolloverTest {

    @LocalServerPort
    int port;

    @Test
    void after_a_rotation_new_tokens_have_the_new_key_and_tokens_signed_before_still_verify() {
        var baseUrl = URI.create("http://127.0.0.1:" + port);
        var provider = new IdentityProviderClient(baseUrl);
        var before = provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "ana", "ana-secreto").accessToken();

        var newKeyId = provider.rotateKeys(provider.clientCredentials("identity-admin", "admin-secret", "keys.rotate"));

        var after = provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "ana", "ana-secreto").accessToken();
        assertThat(keyId(after)).isEqualTo(newKeyId).isNotEqualTo(keyId(before));
        var jwks = jwks(baseUrl);
        assertThat(jwks.getKeys()).extracting(key -> key.getKeyID()).contains(keyId(before), keyId(after));
        assertThat(verifies(before, jwks)).isTrue();
        assertThat(verifies(after, jwks)).isTrue();
        assertThat(claims(after).getSubject()).isEqualTo("ana");
    }

    @Test
    void a_token_signed_with_a_rotated_key_still_opens_the_admin_api() {
        var provider = new IdentityProviderClient(URI.create("http://127.0.0.1:" + port));
        var adminToken = provider.adminToken("admin-secret");

        provider.rotateKeys(adminToken);
        var secondRotation = provider.rotateKeys(adminToken);

        assertThat(secondRotation).isNotBlank();
        assertThat(ProviderHttp.get(URI.create("http://127.0.0.1:" + port + "/oauth2/jwks"), Map.of()).body())
                .contains(secondRotation).contains(keyId(adminToken));
    }
}
