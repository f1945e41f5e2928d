package org.redciudades.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The sign-in page a person reaches from a client: its language, its error, what assistive technology needs. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
@ActiveProfiles("test")
class SignInPageTest {

    @LocalServerPort
    int port;

    URI baseUrl;

    @BeforeEach
    void baseUrl() {
        baseUrl = URI.create("http://127.0.0.1:" + port);
    }

    @Test
    void the_sign_in_page_is_in_mexican_spanish_by_default() {
        var page = signInPageFrom(new CookieSession(baseUrl), "");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<html lang=\"es-MX\">")
                .contains("<h1>Iniciar sesión</h1>")
                .contains("<label for=\"username\">Nombre de usuario</label>")
                .contains("<label for=\"password\">Contraseña</label>")
                .contains("autocomplete=\"username\"")
                .contains("autocomplete=\"current-password\"")
                .contains("name=\"viewport\"")
                .contains("hreflang=\"en\"")
                .doesNotContain("role=\"alert\"");
    }

    @Test
    void ui_locales_en_on_the_authorization_request_gives_the_english_page() {
        var page = signInPageFrom(new CookieSession(baseUrl), "&ui_locales=en");

        assertThat(page.body())
                .contains("<html lang=\"en\">")
                .contains("<h1>Sign in</h1>")
                .contains("<label for=\"username\">Username</label>")
                .contains("<label for=\"password\">Password</label>");
    }

    @Test
    void a_browser_that_prefers_english_gets_the_english_page() {
        var page = signInPageFrom(new CookieSession(baseUrl).acceptLanguage("en-US,en;q=0.9,es;q=0.5"), "");

        assertThat(page.body()).contains("<html lang=\"en\">").contains("<h1>Sign in</h1>");
    }

    @Test
    void a_browser_that_prefers_a_language_not_offered_gets_the_first_offered_one_it_accepts() {
        var spanish = signInPageFrom(new CookieSession(baseUrl).acceptLanguage("fr-FR,fr;q=0.9,es-ES;q=0.5,en;q=0.2"), "");
        var neither = signInPageFrom(new CookieSession(baseUrl).acceptLanguage("pt-BR"), "");

        assertThat(spanish.body()).contains("<html lang=\"es-MX\">");
        assertThat(neither.body()).contains("<html lang=\"es-MX\">");
    }

    @Test
    void a_wrong_password_is_announced_in_spanish() {
        var browser = new CookieSession(baseUrl);
        signInPageFrom(browser, "");

        var page = browser.follow(browser.signIn("ana", "contraseña-equivocada"));

        assertThat(page.body())
                .contains("<html lang=\"es-MX\">")
                .containsPattern("role=\"alert\"[^>]*>\\s*<h2>No se pudo iniciar sesión</h2>")
                .contains("El nombre de usuario o la contraseña no son correctos.")
                .contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"sign-in-error\"");
    }

    @Test
    void a_wrong_password_is_announced_in_english_when_the_client_asked_for_english() {
        var browser = new CookieSession(baseUrl);
        signInPageFrom(browser, "&ui_locales=en%20es-MX");

        var page = browser.follow(browser.signIn("bob", "wrong"));

        assertThat(page.body())
                .contains("<html lang=\"en\">")
                .containsPattern("role=\"alert\"[^>]*>\\s*<h2>You could not be signed in</h2>")
                .contains("The username or password is not correct.");
    }

    @Test
    void a_wrong_password_is_announced_in_english_for_a_browser_that_prefers_english() {
        var browser = new CookieSession(baseUrl).acceptLanguage("en");
        signInPageFrom(browser, "");

        var page = browser.follow(browser.signIn("bob", "wrong"));

        assertThat(page.body()).contains("<html lang=\"en\">").contains("The username or password is not correct.");
    }

    @Test
    void the_language_switch_changes_the_page_and_the_choice_is_kept() {
        var browser = new CookieSession(baseUrl);
        signInPageFrom(browser, "");

        var english = browser.get(URI.create("/login?lang=en"));
        var afterAWrongPassword = browser.follow(browser.signIn("ana", "wrong"));

        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("<html lang=\"en\">")
                .containsPattern("<a href=\"\\?lang=en\"[^>]*aria-current=\"true\"");
        assertThat(afterAWrongPassword.body()).contains("<html lang=\"en\">");
        assertThat(browser.get(URI.create("/login?lang=es-MX")).body()).contains("<html lang=\"es-MX\">");
    }

    @Test
    void the_style_sheet_is_served_without_signing_in() {
        var css = new CookieSession(baseUrl).get(URI.create("/css/identity.css"));

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains(":focus-visible");
    }

    /** The page the authorization endpoint sends a person who is not signed in to. */
    private static HttpResponse<String> signInPageFrom(CookieSession browser, String extraParameters) {
        var toSignIn = browser.get(URI.create("/oauth2/authorize?response_type=code&client_id=redciudades-cli"
                + "&redirect_uri=http://127.0.0.1/callback&scope=openid&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                + extraParameters));
        assertThat(toSignIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        return browser.follow(toSignIn);
    }
}
