package org.redciudades.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal's pages over real HTTP, signed out, with the test JVM's identity provider and no service listening where
 * the services should be: what every page carries (security headers, cookies, language) and what a page says when a
 * service does not answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portal.services.membership=http://127.0.0.1:1",
        "portal.services.events=http://127.0.0.1:1",
        "portal.services.notification=http://127.0.0.1:1"})
class PortalPagesTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.redciudades.issuer-uri",
                () -> TestIdentityProvider.get().issuer());
    }

    @Test
    void every_page_forbids_inline_scripts_and_styles_framing_and_forms_posting_elsewhere() throws Exception {
        HttpResponse<String> page = get("/events", Map.of());

        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                        "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'",
                        "form-action 'self' " + TestIdentityProvider.get().issuer())
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).as("scripts only from files, no style attributes or elements")
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
                .doesNotContain(" style=", "<style");
    }

    @Test
    void when_events_service_does_not_answer_the_catalogue_says_so_in_the_readers_language() throws Exception {
        HttpResponse<String> spanish = get("/events", Map.of());
        assertThat(spanish.statusCode()).isEqualTo(503);
        assertThat(spanish.body()).contains("<html lang=\"es-MX\">", "El servicio no responde")
                .doesNotContain("Exception", "127.0.0.1:1");

        HttpResponse<String> english = get("/events", Map.of("Accept-Language", "en-US,en;q=0.9"));
        assertThat(english.statusCode()).isEqualTo(503);
        assertThat(english.body()).contains("<html lang=\"en\">", "The service is not answering");
    }

    @Test
    void the_language_switch_is_remembered_in_a_cookie_over_the_browsers_language() throws Exception {
        HttpResponse<String> switched = get("/events?lang=en", Map.of("Accept-Language", "es-MX"));
        String cookie = switched.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("portal_lang=en;").contains("HttpOnly", "Secure", "SameSite=Lax", "Max-Age=");
        assertThat(switched.body()).contains("<html lang=\"en\">")
                .as("the switch back keeps the page and drops the parameter")
                .contains("href=\"/events?lang=es-MX\"");

        HttpResponse<String> later = get("/events", Map.of("Accept-Language", "es-MX", "Cookie", "portal_lang=en"));
        assertThat(later.body()).contains("<html lang=\"en\">", "Sign in");
    }

    @Test
    void a_page_that_needs_a_person_starts_the_sign_in_in_a_secure_http_only_lax_session() throws Exception {
        HttpResponse<String> institution = get("/institution", Map.of());

        assertThat(institution.statusCode()).isEqualTo(302);
        assertThat(institution.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/oauth2/authorization/redciudades"));
        List<String> cookies = institution.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("PORTAL_SESSION=")
                .contains("Secure", "HttpOnly", "SameSite=Lax"));
    }

    @Test
    void signing_in_is_the_code_flow_with_pkce_in_the_readers_language() throws Exception {
        HttpResponse<String> start = get("/oauth2/authorization/redciudades", Map.of("Cookie", "portal_lang=en"));

        URI authorization = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorization.toString()).startsWith(TestIdentityProvider.get().issuer() + "/oauth2/authorize?");
        assertThat(authorization.getQuery()).contains("response_type=code", "client_id=redciudades-portal",
                "code_challenge_method=S256", "code_challenge=", "scope=openid profile email", "ui_locales=en");
    }

    @Test
    void a_page_that_does_not_exist_is_a_404_page_in_the_readers_language() throws Exception {
        HttpResponse<String> missing = get("/no-such-page", Map.of("Accept", "text/html"));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<html lang=\"es-MX\">", "No encontramos esa página",
                "href=\"/no-such-page?lang=en\"");
    }

    @Test
    void stylesheets_and_scripts_are_linked_by_their_contents_hash_kept_a_year_and_sent_gzipped() throws Exception {
        String page = get("/events", Map.of()).body();
        Matcher stylesheet = Pattern.compile("href=\"(/css/portal-[0-9a-f]{32}\\.css)\"").matcher(page);
        Matcher script = Pattern.compile("src=\"(/webjars/htmx\\.org/[^\"]*htmx\\.min-[0-9a-f]{32}\\.js)\"").matcher(page);
        assertThat(stylesheet.find()).as("the stylesheet's address carries its hash in:%n%s", page).isTrue();
        assertThat(script.find()).as("htmx's address carries its hash in:%n%s", page).isTrue();

        for (String asset : List.of(stylesheet.group(1), script.group(1))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + asset))
                    .header("Accept-Encoding", "gzip").build();
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control")).as(asset).hasValue("max-age=31536000, public");
            assertThat(answer.headers().firstValue("Content-Encoding")).as(asset).hasValue("gzip");
            try (var unzipped = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
                assertThat(unzipped.readAllBytes().length).as(asset).isGreaterThan(answer.body().length);
            }
        }
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
