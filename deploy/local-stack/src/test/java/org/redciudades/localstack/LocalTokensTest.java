package org.redciudades.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokensTest {

    private static final Instant NOW = Instant.parse("2025-11-24T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void an_email_asked_for_becomes_the_email_claim_of_any_demo_user() throws Exception {
        var tokens = LocalTokens.loadOrCreate(dir, clock);

        var claims = part(tokens.mint("organizer", null, "coordinacion@redciudades.example.mx"), 1);

        assertThat(claims.get("email").asText()).isEqualTo("coordinacion@redciudades.example.mx");
        assertThat(part(tokens.mint("organizer", null), 1).has("email")).isFalse();
    }

    @Test
    void a_minted_organizer_token_verifies_with_the_public_key_and_carries_its_role() throws Exception {
        var tokens = LocalTokens.loadOrCreate(dir, clock);

        var token = tokens.mint("organizer", null);

        assertThat(verifies(token, publicKeyFromPem(dir.resolve("public.pem")))).isTrue();
        var header = part(token, 0);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("kid").asText()).isEqualTo("local");
        var claims = part(token, 1);
        assertThat(claims.get("iss").asText()).isEqualTo("https://local.redciudades.invalid");
        assertThat(claims.get("sub").asText()).isEqualTo("demo-organizer");
        assertThat(claims.get("preferred_username").asText()).isEqualTo("organizer");
        assertThat(claims.get("name").asText()).isEqualTo("Organizadora de la Red");
        assertThat(claims.get("roles").isArray()).isTrue();
        assertThat(claims.get("roles")).extracting(JsonNode::asText).containsExactly("organizer");
        assertThat(claims.has("member_id")).isFalse();
        assertThat(UUID.fromString(claims.get("jti").asText())).isNotNull();
    }

    @Test
    void a_token_is_valid_from_now_for_eight_hours() throws Exception {
        var claims = part(LocalTokens.loadOrCreate(dir, clock).mint("ops", null), 1);

        assertThat(claims.get("iat").isIntegralNumber()).isTrue();
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("nbf").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.plusSeconds(8 * 3600).getEpochSecond());
        assertThat(claims.get("sub").asText()).isEqualTo("demo-ops");
        assertThat(claims.get("name").asText()).isEqualTo("Operaciones");
        assertThat(claims.get("roles")).extracting(JsonNode::asText).containsExactly("ops");
    }

    @Test
    void a_member_token_carries_the_member_id_it_was_asked_for_and_keeps_accents_intact() throws Exception {
        var tokens = LocalTokens.loadOrCreate(dir, clock);
        var memberId = UUID.fromString("3f2a8c1e-5b7d-4e09-9a61-2c4b8d0e7f13");

        var token = tokens.mint("member", memberId);

        assertThat(verifies(token, tokens.publicKey())).isTrue();
        var claims = part(token, 1);
        assertThat(claims.get("sub").asText()).isEqualTo("demo-member");
        assertThat(claims.get("name").asText()).isEqualTo("Personal de institución miembro");
        assertThat(claims.get("roles")).extracting(JsonNode::asText).containsExactly("member");
        assertThat(claims.get("member_id").asText()).isEqualTo("3f2a8c1e-5b7d-4e09-9a61-2c4b8d0e7f13");
    }

    @Test
    void a_member_token_without_a_member_id_has_no_member_id_claim() throws Exception {
        var claims = part(LocalTokens.loadOrCreate(dir, clock).mint("member", null), 1);

        assertThat(claims.has("member_id")).isFalse();
    }

    @Test
    void each_token_has_its_own_id() throws Exception {
        var tokens = LocalTokens.loadOrCreate(dir, clock);

        assertThat(part(tokens.mint("organizer", null), 1).get("jti"))
                .isNotEqualTo(part(tokens.mint("organizer", null), 1).get("jti"));
    }

    @Test
    void a_tampered_token_does_not_verify() throws Exception {
        var tokens = LocalTokens.loadOrCreate(dir, clock);
        var parts = tokens.mint("member", null).split("\\.");
        var promoted = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("[\"member\"]", "[\"organizer\"]");

        var tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(promoted.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(verifies(tampered, tokens.publicKey())).isFalse();
    }

    @Test
    void the_key_pair_is_written_as_pem_once_and_reused_by_later_loads() throws Exception {
        var first = LocalTokens.loadOrCreate(dir, clock);
        var privatePem = Files.readString(dir.resolve("private.pem"));
        var publicPem = Files.readString(dir.resolve("public.pem"));
        var earlierToken = first.mint("organizer", null);

        var second = LocalTokens.loadOrCreate(dir, clock);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(Files.readString(dir.resolve("private.pem"))).isEqualTo(privatePem);
        assertThat(Files.readString(dir.resolve("public.pem"))).isEqualTo(publicPem);
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(second.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(verifies(earlierToken, second.publicKey())).as("a token from before the reload").isTrue();
        assertThat(second.publicKeyPem()).isEqualTo(publicPem);
    }

    @Test
    void the_private_key_is_readable_by_its_owner_only_and_the_public_key_by_anyone() throws Exception {
        LocalTokens.loadOrCreate(dir, clock);

        assertThat(Files.getPosixFilePermissions(dir.resolve("private.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("public.pem")))
                .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ)
                .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    }

    @Test
    void a_missing_or_stale_public_key_is_rewritten_from_the_private_key() throws Exception {
        var first = LocalTokens.loadOrCreate(dir, clock);
        var publicPem = Files.readString(dir.resolve("public.pem"));
        Files.delete(dir.resolve("public.pem"));

        LocalTokens.loadOrCreate(dir, clock);
        assertThat(Files.readString(dir.resolve("public.pem"))).isEqualTo(publicPem);

        Files.writeString(dir.resolve("public.pem"), "stale");
        var reloaded = LocalTokens.loadOrCreate(dir, clock);
        assertThat(Files.readString(dir.resolve("public.pem"))).isEqualTo(publicPem);
        assertThat(reloaded.publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void an_unreadable_private_key_is_reported_with_how_to_start_over() throws Exception {
        Files.writeString(dir.resolve("private.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> LocalTokens.loadOrCreate(dir, clock))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("private.pem")
                .hasMessageContaining("delete");
    }

    @Test
    void an_unknown_user_or_a_member_id_for_another_user_is_refused() throws Exception {
        var tokens = LocalTokens.loadOrCreate(dir, clock);

        assertThatThrownBy(() -> tokens.mint("admin", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("organizer, member, ops");
        assertThatThrownBy(() -> tokens.mint("organizer", UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_jwk_set_holds_the_same_public_key() throws Exception {
        var tokens = LocalTokens.loadOrCreate(dir, clock);

        var key = JSON.readTree(tokens.jwkSet()).get("keys").get(0);

        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.get("kid").asText()).isEqualTo("local");
        assertThat(new java.math.BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asText())))
                .isEqualTo(tokens.publicKey().getModulus());
        assertThat(new java.math.BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asText())))
                .isEqualTo(tokens.publicKey().getPublicExponent());
    }

    /** Checks the RS256 signature over {@code header.payload}, as a resource server does. */
    static boolean verifies(String token, RSAPublicKey key) throws Exception {
        var parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        var signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    static RSAPublicKey publicKeyFromPem(Path pem) throws Exception {
        var body = Files.readString(pem).replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    }

    /** A decoded JWT part: 0 the header, 1 the claims. JWTs use base64url without padding. */
    static JsonNode part(String token, int index) throws Exception {
        var encoded = token.split("\\.")[index];
        assertThat(encoded).doesNotContain("=", "+", "/");
        return JSON.readTree(Base64.getUrlDecoder().decode(encoded));
    }
}
