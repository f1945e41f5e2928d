package org.redciudades.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.ContextConfiguration;

/**
 * A service remembers the tokens it has verified ({@link VerifiedTokens}), and still refuses one once it has
 * expired: a token from the identity provider that lives one second, taken while valid, is refused after its expiry
 * and the tests' clock skew of 3 s.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class TokenLifetimeTest {

    static final String OPS_ONLY = "/api/v1/ops/dead-letters";

    @LocalServerPort
    int port;

    @Autowired
    JwtDecoder decoder;

    @Test
    void a_token_taken_while_valid_is_refused_once_it_has_expired() {
        assertThat(decoder).as("Boot's decoder, behind the memory of verified tokens").isInstanceOf(VerifiedTokens.class);
        ApiClient api = new ApiClient(port);
        // the provider's discovery and keys fetched, and the path warm, before the one-second token's clock starts
        assertThat(api.get(OPS_ONLY, TestTokens.withRole(Roles.OPS)).statusCode()).isEqualTo(200);
        String token = TestTokens.shortLived(Roles.OPS);

        assertThat(api.get(OPS_ONLY, token).statusCode()).as("while valid").isEqualTo(200);
        assertThat(api.get(OPS_ONLY, token).statusCode()).as("again, while valid").isEqualTo(200);

        await("the token refused").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get(OPS_ONLY, token).statusCode() == 401);
    }
}
