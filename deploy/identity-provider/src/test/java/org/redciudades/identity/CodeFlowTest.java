package org.redciudades.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redciudades.identity.ProviderHttp.claims;
import static org.redciudades.identity.ProviderHttp.get;
import static org.redciudades.identity.ProviderHttp.jwks;
import static org.redciudades.identity.ProviderHttp.verifies;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.identity.client.IdentityProviderClient;
import org.redciudades.identity.client.IdentityProviderException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
@ActiveProfiles("test")
class CodeFlowTest {

    static final String CLI = "redciudades-cli";
    static final String CLI_REDIRECT = "http://127.0.0.1/callback";
    static final String PORTAL = "redciudades-portal";
    static final String PORTAL_REDIRECT = "http://127.0.0.1:8080/login/oauth2/code/redciudades";
    static final String SWAGGER_UI = "swagger-ui";

    @LocalServerPort
    int port;

    URI baseUrl;
    IdentityProviderClient provider;

    @BeforeEach
    void provider() {
        baseUrl = URI.create("http://127.0.0.1:" + port);
        provider = new IdentityProviderClient(baseUrl);
    }

    @Test
    void discovery_names_the_issuer_and_a_jwks_whose_keys_verify_a_code_flow_token() {
        var discovery = JsonMapper.shared().readTree(get(URI.create(baseUrl + "/.well-known/openid-configuration")).body());
        assertThat(discovery.path("issuer").stringValue()).isEqualTo(baseUrl.toString());
        assertThat(discovery.path("jwks_uri").stringValue()).isEqualTo(baseUrl + "/oauth2/jwks");
        assertThat(discovery.path("end_session_endpoint").stringValue()).isEqualTo(baseUrl + "/connect/logout");
        assertThat(discovery.path("scopes_supported").values()).extracting(node -> node.stringValue())
                .containsExactlyInAnyOrder("openid", "profile", "email");

        var tokens = provider.signIn(CLI, CLI_REDIRECT, "ana", "ana-secreto");

        var jwks = ProviderHttp.jwksAt(URI.create(discovery.path("jwks_uri").stringValue()));
        assertThat(verifies(tokens.accessToken(), jwks)).isTrue();
        assertThat(verifies(tokens.idToken(), jwks)).isTrue();
        assertThat(jwks.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void the_pkce_code_flow_gives_tokens_with_the_persons_claims() throws Exception {
        var tokens = provider.signIn(CLI, CLI_REDIRECT, "ana", "ana-secreto");

        for (var token : List.of(tokens.accessToken(), tokens.idToken())) {
            var claims = claims(token);
            assertThat(claims.getSubject()).isEqualTo("ana");
            assertThat(claims.getIssuer()).isEqualTo(baseUrl.toString());
            assertThat(claims.getStringClaim("email")).isEqualTo("ana@implan-torreon.example.mx");
            assertThat(claims.getBooleanClaim("email_verified")).isTrue();
            assertThat(claims.getStringClaim("name")).isEqualTo("Ana Torres");
            assertThat(claims.getStringClaim("locale")).isEqualTo("es-MX");
            assertThat(claims.getStringClaim("zoneinfo")).isEqualTo("America/Mexico_City");
            assertThat(claims.getStringListClaim("roles")).containsExactly("organizer");
            assertThat(claims.getStringClaim("department")).isEqualTo("Planeación Urbana");
        }
        assertThat(claims(tokens.accessToken()).getExpirationTime().toInstant())
                .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
        assertThat(tokens.refreshToken()).as("a public client gets no refresh token").isNull();

        var english = claims(provider.signIn(CLI, CLI_REDIRECT, "bob", "bob-secret").accessToken());
        assertThat(english.getBooleanClaim("email_verified")).isFalse();
        assertThat(english.getStringClaim("locale")).isEqualTo("en");
        assertThat(english.getStringClaim("zoneinfo")).isEqualTo("America/Guatemala");
        assertThat(english.getStringListClaim("roles")).containsExactly("member", "ops");
    }

    @Test
    void userinfo_answers_the_persons_claims() {
        var tokens = provider.signIn(CLI, CLI_REDIRECT, "bob", "bob-secret");

        var userinfo = get(URI.create(baseUrl + "/userinfo"), Map.of("Authorization", "Bearer " + tokens.accessToken()));

        assertThat(userinfo.statusCode()).isEqualTo(200);
        var body = JsonMapper.shared().readTree(userinfo.body());
        assertThat(body.path("sub").stringValue()).isEqualTo("bob");
        assertThat(body.path("email").stringValue()).isEqualTo("bob@example.org");
        assertThat(body.path("email_verified").booleanValue()).isFalse();
        assertThat(body.path("locale").stringValue()).isEqualTo("en");
        assertThat(body.path("roles").values()).extracting(node -> node.stringValue()).containsExactly("member", "ops");
    }

    @Test
    void a_wrong_password_is_refused() {
        assertThatThrownBy(() -> provider.signIn(CLI, CLI_REDIRECT, "ana", "not-her-password"))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> provider.signIn(CLI, CLI_REDIRECT, "nobody", "whatever"))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void the_authorization_endpoint_refuses_a_public_client_without_pkce() {
        var authorize = URI.create(baseUrl + "/oauth2/authorize?response_type=code&client_id=" + CLI
                + "&redirect_uri=" + CLI_REDIRECT + "&scope=openid&state=xyz");

        var response = get(authorize);

        assertThat(response.statusCode()).isEqualTo(302);
        var location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CLI_REDIRECT + "?").contains("error=invalid_request").contains("state=xyz")
                .doesNotContain("code=");
    }

    @Test
    void the_authorization_endpoint_refuses_an_unregistered_redirect_uri() {
        assertThatThrownBy(() -> provider.signIn(CLI, "http://127.0.0.1:9999/elsewhere", "ana", "ana-secreto"))
                .isInstanceOf(IdentityProviderException.class)
                .hasMessageContaining("400");
    }

    @Test
    void the_portal_refreshes_its_tokens() {
        var tokens = provider.signIn(PORTAL, "portal-secret", PORTAL_REDIRECT, "ana", "ana-secreto");
        assertThat(tokens.refreshToken()).isNotBlank();

        var refreshed = provider.refresh(PORTAL, "portal-secret", tokens.refreshToken());

        assertThat(refreshed.accessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(claims(refreshed.accessToken()).getSubject()).isEqualTo("ana");
        assertThat(claims(refreshed.accessToken()).getClaim("email")).isEqualTo("ana@implan-torreon.example.mx");
        assertThat(refreshed.idToken()).isNotNull();
        assertThatThrownBy(() -> provider.refresh(PORTAL, "wrong-secret", tokens.refreshToken()))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void a_client_credentials_token_carries_no_person_claims() throws Exception {
        var token = provider.clientCredentials("identity-admin", "admin-secret", "people.write");

        var claims = claims(token);
        assertThat(claims.getSubject()).isEqualTo("identity-admin");
        assertThat(claims.getClaims()).doesNotContainKeys("email", "name", "roles", "locale");
        assertThat(claims.getStringListClaim("scope")).containsExactly("people.write");
    }

    @Test
    void oidc_logout_ends_the_session_and_returns_to_the_client() {
        var browser = new CookieSession(baseUrl);
        var idToken = browser.signInToPortal("ana", "ana-secreto");

        var logout = browser.get(URI.create(baseUrl + "/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=http://127.0.0.1:8080/&state=bye"));

        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValue("http://127.0.0.1:8080/?state=bye");
        assertThat(browser.get(URI.create(baseUrl + "/")).headers().firstValue("Location"))
                .as("signed out: the next page asks to sign in again").hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void plain_logout_ends_the_session() {
        var browser = new CookieSession(baseUrl);
        browser.signInToPortal("bob", "bob-secret");
        assertThat(browser.get(URI.create(baseUrl + "/")).statusCode()).isEqualTo(200);

        var logoutPage = browser.get(URI.create(baseUrl + "/logout"));
        assertThat(logoutPage.statusCode()).isEqualTo(200);
        var loggedOut = browser.post(URI.create(baseUrl + "/logout"), Map.of("_csrf", CookieSession.csrf(logoutPage.body())));

        assertThat(loggedOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        assertThat(browser.get(URI.create(baseUrl + "/")).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void the_token_endpoint_answers_cors_preflights_from_swagger_ui_origins() {
        for (var origin : List.of("http://127.0.0.1:8082", "http://127.0.0.1:54321", "http://localhost:8083")) {
            var preflight = tokenPreflight(origin);
            assertThat(preflight.statusCode()).as(origin).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(origin).hasValue(origin);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).as("Swagger UI's headers")
                    .hasValueSatisfying(headers -> assertThat(headers.toLowerCase(Locale.ROOT))
                            .contains("accept", "content-type", "x-requested-with"));
        }
        assertThat(tokenPreflight("http://localhost:54321").statusCode())
                .as("localhost is allowed on the local stack's ports only").isEqualTo(403);

        var jwks = get(URI.create(baseUrl + "/oauth2/jwks"), Map.of("Origin", "http://localhost:8081"));
        assertThat(jwks.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8081");
        var discovery = get(URI.create(baseUrl + "/.well-known/openid-configuration"),
                Map.of("Origin", "http://127.0.0.1:54321"));
        assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:54321");

        var elsewhere = get(URI.create(baseUrl + "/oauth2/jwks"), Map.of("Origin", "http://evil.example"));
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void swagger_ui_signs_in_from_any_port_of_the_loopback_address_and_from_the_local_stack_ports_as_localhost()
            throws Exception {
        var randomPort = provider.signIn(SWAGGER_UI, "http://127.0.0.1:54321/swagger-ui/oauth2-redirect.html",
                "ana", "ana-secreto");
        assertThat(claims(randomPort.accessToken()).getAudience()).containsExactly(SWAGGER_UI);
        var localStack = provider.signIn(SWAGGER_UI, "http://localhost:8082/swagger-ui/oauth2-redirect.html",
                "ana", "ana-secreto");
        assertThat(claims(localStack.accessToken()).getSubject()).isEqualTo("ana");

        for (var refused : List.of("http://localhost:54321/swagger-ui/oauth2-redirect.html",
                "http://127.0.0.1:54321/elsewhere.html", "http://evil.example:8081/swagger-ui/oauth2-redirect.html")) {
            assertThatThrownBy(() -> provider.signIn(SWAGGER_UI, refused, "ana", "ana-secreto")).as(refused)
                    .isInstanceOfSatisfying(IdentityProviderException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void without_a_configured_issuer_each_host_name_is_its_own_issuer_signed_with_the_same_keys() {
        var viaLoopbackAddress = provider.signIn(CLI, CLI_REDIRECT, "ana", "ana-secreto");
        var viaLocalhost = new IdentityProviderClient(URI.create("http://localhost:" + port))
                .signIn(CLI, CLI_REDIRECT, "ana", "ana-secreto");

        assertThat(claims(viaLoopbackAddress.accessToken()).getIssuer()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(claims(viaLocalhost.accessToken()).getIssuer()).isEqualTo("http://localhost:" + port);
        var jwks = jwks(baseUrl);
        assertThat(verifies(viaLoopbackAddress.accessToken(), jwks)).isTrue();
        assertThat(verifies(viaLocalhost.accessToken(), jwks)).isTrue();
    }

    private HttpResponse<String> tokenPreflight(String origin) {
        return ProviderHttp.send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "accept,content-type,x-requested-with")
                .build());
    }
}
