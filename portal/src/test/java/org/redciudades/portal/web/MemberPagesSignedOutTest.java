package org.redciudades.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The signed-in person's pages and the unsubscribe page over real HTTP, signed out, with no service listening: who may
 * open which, and what a broken unsubscribe link or a silent notification-service shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portal.services.membership=http://127.0.0.1:1",
        "portal.services.events=http://127.0.0.1:1",
        "portal.services.notification=http://127.0.0.1:1"})
class MemberPagesSignedOutTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.redciudades.issuer-uri",
                () -> TestIdentityProvider.get().issuer());
    }

    @Test
    void my_registrations_the_inbox_and_preferences_ask_to_sign_in_first() throws Exception {
        for (String path : new String[]{"/registrations", "/registrations?when=past",
                "/registrations/0b7e8a52-3c1d-4f7a-9d53-2f1c6a0e4b11/cancellation",
                "/registrations/0b7e8a52-3c1d-4f7a-9d53-2f1c6a0e4b11/calendar.ics", "/inbox",
                "/inbox/0b7e8a52-3c1d-4f7a-9d53-2f1c6a0e4b11", "/preferences"}) {
            HttpResponse<String> page = get(path, Map.of());
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).as(path)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/oauth2/authorization/redciudades"));
        }
    }

    @Test
    void an_incomplete_unsubscribe_link_is_a_page_that_says_so_in_the_readers_language() throws Exception {
        HttpResponse<String> spanish = get("/unsubscribe?email=ana%40implan.example.mx&category=ANNOUNCEMENTS", Map.of());
        assertThat(spanish.statusCode()).isEqualTo(400);
        assertThat(spanish.body()).contains("<html lang=\"es-MX\">", "Este enlace para darte de baja no es válido",
                "Inicia sesión para elegir qué correos recibes").doesNotContain("Exception", "<form method=\"post\" action=\"/unsubscribe\"");

        HttpResponse<String> english = get("/unsubscribe?category=SOMETHING_ELSE&email=a%40b.mx&signature=x",
                Map.of("Accept-Language", "en"));
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("This unsubscribe link is not valid");
    }

    @Test
    void when_notification_service_does_not_answer_the_unsubscribe_page_says_so_and_changes_nothing() throws Exception {
        HttpResponse<String> page = get("/unsubscribe?email=ana%2Bx%40implan.example.mx&category=ANNOUNCEMENTS&signature=abc",
                Map.of());

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("El servicio no responde").doesNotContain("127.0.0.1:1");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
