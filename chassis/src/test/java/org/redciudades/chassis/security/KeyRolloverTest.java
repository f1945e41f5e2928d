package org.redciudades.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.text.ParseException;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The identity provider rotates its signing key: a service keeps accepting the tokens signed with the old key until
 * they expire, and accepts the new key's tokens, which it learns from the provider's JWKS, without a restart.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class KeyRolloverTest {

    static final String OPS_ONLY = "/api/v1/ops/dead-letters";

    @LocalServerPort
    int port;

    @Test
    void after_a_key_rotation_old_tokens_work_until_they_expire_and_new_tokens_are_signed_with_the_new_key() {
        TestIdentityProvider provider = TestIdentityProvider.get();
        TestTokens.withRole(Roles.OPS);   // the ops person exists
        String ops = TestTokens.subjectWithRole(Roles.OPS);
        String before = provider.signIn(ops);
        String expired = TestTokens.expired(Roles.OPS);   // issued at the context's start, with the same key
        assertThat(status(before)).as("a token of the current key").isEqualTo(200);

        String newKey = provider.client().rotateKeys(provider.adminToken());
        String after = provider.signIn(ops);

        assertThat(keyId(after)).as("a token issued after the rotation").isEqualTo(newKey);
        assertThat(keyId(before)).isEqualTo(keyId(expired)).isNotEqualTo(newKey);
        assertThat(status(after)).as("the new key's token, learnt from the JWKS").isEqualTo(200);
        assertThat(status(before)).as("the old key's token, not expired").isEqualTo(200);
        assertThat(status(expired)).as("the old key's token, expired").isEqualTo(401);
    }

    private int status(String token) {
        HttpResponse<String> response = new ApiClient(port).get(OPS_ONLY, token);
        return response.statusCode();
    }

    private static String keyId(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
