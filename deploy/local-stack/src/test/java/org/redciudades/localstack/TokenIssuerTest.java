package org.redciudades.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token issuer's HTTP side, on a free port. */
class TokenIssuerTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private TokenIssuer issuer;

    @BeforeEach
    void start() throws Exception {
        issuer = TokenIssuer.start("127.0.0.1", 0, LocalTokens.loadOrCreate(dir));
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void a_token_is_answered_as_bare_text_that_verifies_with_the_served_public_key() throws Exception {
        var response = get("/tokens/organizer");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        var publicPem = get("/public.pem").body();
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(LocalTokensTest.verifies(response.body(), LocalTokensTest.publicKeyFromPem(
                dir.resolve(LocalTokens.PUBLIC_KEY_FILE)))).isTrue();
        assertThat(LocalTokensTest.part(response.body(), 1).get("roles"))
                .extracting(JsonNode::asText).containsExactly("organizer");
    }

    @Test
    void a_member_token_carries_the_member_id_from_the_query() throws Exception {
        var response = get("/tokens/member?memberId=3F2A8C1E-5B7D-4E09-9A61-2C4B8D0E7F13");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(LocalTokensTest.part(response.body(), 1).get("member_id").asText())
                .isEqualTo("3f2a8c1e-5b7d-4e09-9a61-2c4b8d0e7f13");
    }

    @Test
    void a_member_id_that_is_not_a_uuid_is_a_bad_request() throws Exception {
        for (var query : new String[] {"memberId=42", "memberId=", "memberId=1-2-3-4-5"}) {
            var response = get("/tokens/member?" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).contains("memberId must be a UUID");
        }
    }

    @Test
    void an_unknown_user_is_not_found() throws Exception {
        var response = get("/tokens/admin");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("organizer, member, ops");
    }

    @Test
    void the_root_lists_the_three_token_urls() throws Exception {
        var response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(issuer.url() + "/tokens/organizer", issuer.url() + "/tokens/member",
                issuer.url() + "/tokens/ops");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
