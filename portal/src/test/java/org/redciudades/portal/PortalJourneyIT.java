package org.redciudades.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.portal.testing.PortalStack.expect;
import static org.redciudades.portal.testing.PortalStack.field;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.Browser;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.portal.testing.Accessibility;
import org.redciudades.portal.testing.BrowserJourney;
import org.redciudades.portal.testing.PortalBrowserTest;
import org.redciudades.portal.testing.PortalStack;
import org.redciudades.portal.testing.PortalTestConfiguration;

/**
 * People using the portal in a real browser (headless Chromium), against everything real: the {@link PortalStack}'s
 * services as child JVMs on the test JVM's Kafka broker and PostgreSQL, the test JVM's identity provider, and the
 * portal in this JVM. An organizer has announced a members-only workshop in Cancún and a public bootcamp through the
 * API; IMPLAN Saltillo is an active member, with two contacts. The journeys run in order, as the seats they take do.
 */
@PortalBrowserTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalJourneyIT extends BrowserJourney {

    static final String ANA = "ana.garza@implan-saltillo.example.mx";
    static final String RAUL = "raul.pena@implan-saltillo.example.mx";
    static final String PABLO = "pablo.rios@correo.example";
    static final String WORKSHOP_ES = "Taller de movilidad urbana sostenible";
    static final String WORKSHOP_EN = "Sustainable urban mobility workshop";
    static final String BOOTCAMP_ES = "Bootcamp de datos abiertos";
    static String workshop;

    @BeforeAll
    static void anActiveMemberAndAnnouncedEvents() {
        String organizer = TestTokens.withRole("organizer");
        String member = field(expect(201, membership().post("/api/v1/applications", null, """
                {"institution": {"name": "IMPLAN Saltillo", "kind": "MUNICIPAL_PLANNING_INSTITUTE", "country": "MX",
                                 "region": "Coahuila", "city": "Saltillo", "website": "https://implan-saltillo.example.mx"},
                 "locale": "es-MX", "timeZone": "America/Monterrey",
                 "contacts": [{"name": "Ana Garza Villarreal", "email": "%s", "title": "Coordinadora de Proyectos",
                               "locale": "es-MX", "primary": true},
                              {"name": "Raúl Peña Ríos", "email": "%s", "title": "Analista",
                               "locale": "es-MX", "primary": false}]}
                """.formatted(ANA, RAUL))), "id");
        expect(200, membership().post("/api/v1/members/" + member + "/approval", organizer, ""));
        expect(200, membership().post("/api/v1/members/" + member + "/agreement", organizer, """
                {"signedOn": "2026-11-20", "termStart": "2026-12-01", "termEnd": "2028-11-30",
                 "documentReference": "RCI-CONV-2026-031", "memberSignatory": "Dirección de IMPLAN Saltillo",
                 "networkSignatory": "Coordinación de la Red"}
                """));

        workshop = announce("""
                {"type": "WORKSHOP", "titleEs": "%s", "titleEn": "%s",
                 "descriptionEs": "Diseño de calles completas para ciudades medias.",
                 "descriptionEn": "Designing complete streets for mid-sized cities.",
                 "modality": "HYBRID", "venue": {"city": "Cancún", "country": "MX", "address": "Av. Tulum 5, Centro"},
                 "onlineLink": "https://meet.example.org/movilidad",
                 "startsAt": "2027-03-10T10:00:00-05:00", "endsAt": "2027-03-10T14:00:00-05:00",
                 "timeZone": "America/Cancun", "capacity": 5, "waitlistEnabled": true, "audience": "MEMBERS_ONLY",
                 "memberQuota": 5, "requiresApproval": false}
                """.formatted(WORKSHOP_ES, WORKSHOP_EN));
        announce("""
                {"type": "BOOTCAMP", "titleEs": "%s", "titleEn": "Open data bootcamp",
                 "descriptionEs": "Publicación de datos municipales.", "modality": "VIRTUAL",
                 "onlineLink": "https://meet.example.org/datos",
                 "startsAt": "2027-04-14T10:00:00-06:00", "endsAt": "2027-04-14T12:00:00-06:00",
                 "timeZone": "America/Guatemala", "capacity": 50, "waitlistEnabled": true, "audience": "PUBLIC",
                 "requiresApproval": false}
                """.formatted(BOOTCAMP_ES));

        for (String contact : List.of(ANA, RAUL)) {
            String token = TestTokens.forPerson(contact);
            await(contact + " acts for an active member in events-service").atMost(Duration.ofSeconds(90))
                    .until(() -> events().get("/api/v1/eligibility/me", token).body().contains("\"eligible\":true"));
        }
        TestTokens.forPerson(PABLO);   // at the provider too, and nobody's contact
    }

    @Test
    @Order(1)
    void a_member_institutions_contact_finds_the_workshop_signs_in_and_registers_with_a_confirmed_seat()
            throws IOException {
        List<String> pages = new ArrayList<>();
        browser = Browser.start();
        browser.open(portal("/events"));
        waitFor("the catalogue", driver -> driver.getTitle().startsWith("Eventos"));
        assertThat(text()).contains(WORKSHOP_ES, BOOTCAMP_ES, "Quedan 5 lugares", "hora de Cancún, UTC\u22125");
        Accessibility.assertNoViolations(browser, "the catalogue");
        pages.add(text());

        new Select(browser.visible(Browser.labelled("Tipo de evento"))).selectByVisibleText("Taller");
        new Select(browser.visible(Browser.labelled("País"))).selectByVisibleText("México");
        ((JavascriptExecutor) browser.driver()).executeScript("window.beforeFiltering = true;");
        browser.press("Mostrar eventos");
        waitFor("one workshop in Mexico", driver -> resultCount().equals("Un evento"));
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.beforeFiltering === true;"))
                .as("htmx replaced the results in the same page").isEqualTo(true);
        assertThat(text()).contains(WORKSHOP_ES).doesNotContain(BOOTCAMP_ES);
        assertThat(browser.driver().getCurrentUrl()).as("the filtered catalogue has its own address")
                .contains("type=WORKSHOP", "country=MX");

        browser.driver().findElement(By.linkText(WORKSHOP_ES)).click();
        waitFor("the workshop's page", driver -> driver.getTitle().startsWith(WORKSHOP_ES));
        assertThat(text()).contains("miércoles, 10 de marzo de 2027, de 10:00 a.m. a 2:00 p.m.",
                        "hora de Cancún, UTC\u22125", "Av. Tulum 5, Centro", "Cancún, México",
                        "Solo para instituciones miembro", "Diseño de calles completas para ciudades medias.")
                .as("nobody is signed in, so no other zone").doesNotContain("En tu zona horaria");
        Accessibility.assertNoViolations(browser, "the event page, signed out");
        pages.add(text());

        browser.driver().findElement(By.linkText("Inicia sesión para inscribirte")).click();
        signInAtTheProvider(ANA, "Nombre de usuario", "Contraseña", "Iniciar sesión");
        waitFor("the workshop's page with the register form", driver -> driver.getCurrentUrl().endsWith("/events/" + workshop)
                && !driver.findElements(Browser.button("Inscribirme")).isEmpty());
        assertThat(text()).as("the reader's own zone, from the token").contains("Persona de prueba",
                "En tu zona horaria:", "miércoles, 10 de marzo de 2027, de 9:00 a.m. a 1:00 p.m.",
                "hora de Ciudad de México, UTC\u22126");
        assertThat(browser.visible(Browser.labelled("Correo electrónico")).getDomProperty("value")).isEqualTo(ANA);
        Accessibility.assertNoViolations(browser, "the event page with the register form");

        browser.fillIn("Nombre completo", "");
        browser.press("Inscribirme");
        WebElement summary = browser.visible(By.cssSelector(".error-summary"));
        assertThat(summary.getText()).contains("Revisa lo siguiente", "Escribe tu nombre completo.");
        assertThat(summary.findElement(By.linkText("Escribe tu nombre completo.")).getDomAttribute("href"))
                .isEqualTo("#name");
        Accessibility.assertNoViolations(browser, "the register form with an error");
        pages.add(text());

        browser.fillIn("Nombre completo", "Ana Garza Villarreal");
        browser.press("Inscribirme");
        WebElement outcome = browser.visible(By.id("outcome"));
        assertThat(outcome.getText()).contains("Tu lugar está confirmado.");
        assertThat(text()).contains("Quedan 4 lugares");
        Accessibility.assertNoViolations(browser, "the registration's outcome");
        pages.add(text());

        String roster = events().get("/api/v1/events/" + workshop + "/registrations?status=CONFIRMED",
                TestTokens.withRole("organizer")).body();
        assertThat(roster).contains("Ana Garza Villarreal", ANA);

        browser.driver().findElement(By.linkText("Mi institución")).click();
        waitFor("my institution", driver -> driver.getTitle().startsWith("Mi institución"));
        assertThat(text()).contains("Tu institución es miembro activo de la Red", "Activa");
        Accessibility.assertNoViolations(browser, "my institution");
        pages.add(text());

        List<String> english = englishOnlyTexts();
        for (String page : pages) {
            assertThat(english).as("English texts on a Spanish page:%n%s", page).noneMatch(page::contains);
        }
    }

    @Test
    @Order(3)
    void in_english_someone_of_no_member_institution_reads_why_the_workshop_refuses_them_without_a_word_of_spanish()
            throws IOException {
        List<String> spanish = spanishOnlyTexts();
        List<String> pages = new ArrayList<>();
        browser = Browser.start();
        browser.open(portal("/events"));
        browser.driver().findElement(By.linkText("English")).click();
        waitFor("the catalogue in English", driver -> driver.getTitle().startsWith("Events"));
        pages.add(text());

        browser.driver().findElement(By.linkText(WORKSHOP_EN)).click();
        waitFor("the workshop's page in English", driver -> driver.getTitle().startsWith(WORKSHOP_EN));
        assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"))
                .as("remembered from the switch").isEqualTo("en");
        assertThat(text()).contains("Wednesday, March 10, 2027, 10:00 AM to 2:00 PM", "Cancún time, UTC\u22125",
                "Member institutions only", "Designing complete streets for mid-sized cities.");
        pages.add(text());

        browser.driver().findElement(By.linkText("Sign in to register")).click();
        signInAtTheProvider(PABLO, "Username", "Password", "Sign in");
        waitFor("the register form in English", driver -> !driver.findElements(Browser.button("Register")).isEmpty());
        assertThat(browser.visible(Browser.labelled("Full name")).getDomProperty("value")).isEqualTo("Persona de prueba");
        pages.add(text());

        browser.press("Register");
        WebElement problem = browser.visible(By.cssSelector(".problem"));
        assertThat(problem.getText()).contains("This event is for member institutions only",
                "Your verified email is not a contact of any member institution of the network.");
        assertThat(problem.getText()).doesNotContain("no-member-institution", "403", "{");
        Accessibility.assertNoViolations(browser, "a refused registration, in English");
        pages.add(text());

        browser.driver().findElement(By.linkText("My institution")).click();
        waitFor("my institution in English", driver -> driver.getTitle().startsWith("My institution"));
        assertThat(text()).contains("you act for none",
                "If your institution is a member of the network, ask its primary contact");
        Accessibility.assertNoViolations(browser, "my institution, of none, in English");
        pages.add(text());

        for (String page : pages) {
            assertThat(spanish).as("Spanish texts on an English page:%n%s", page)
                    .noneMatch(page::contains);
        }
    }

    @Test
    @Order(2)
    void a_contact_registers_with_the_keyboard_alone() {
        browser = Browser.start();
        browser.open(portal("/events/" + workshop));
        waitFor("the workshop's page", driver -> driver.getTitle().startsWith(WORKSHOP_ES));

        assertThat(tab().getText()).as("the first Tab").isEqualTo("Saltar al contenido principal");
        tabUntil(element -> "Inicia sesión para inscribirte".equals(element.getText()), "the sign-in link");
        press(Keys.ENTER);

        waitFor("the provider's sign-in page", driver -> driver.getCurrentUrl().startsWith(TestIdentityProvider.get().issuer() + "/login"));
        tabUntil(element -> "username".equals(element.getDomAttribute("id")), "the username field");
        type(RAUL);
        tabUntil(element -> "password".equals(element.getDomAttribute("id")), "the password field");
        type(TestIdentityProvider.PASSWORD);
        press(Keys.ENTER);

        waitFor("the workshop's page with the register form", driver -> driver.getCurrentUrl().endsWith("/events/" + workshop)
                && !driver.findElements(Browser.button("Inscribirme")).isEmpty());
        tabUntil(element -> "Nombre completo".equals(labelOf(element)), "the name field");
        press(Keys.chord(Keys.CONTROL, "a"));
        type("Raúl Peña Ríos");
        tabUntil(element -> "Inscribirme".equals(element.getText()), "the register button");
        press(Keys.ENTER);

        assertThat(browser.visible(By.id("outcome")).getText()).contains("Tu lugar está confirmado.");
    }

    @Test
    @Order(4)
    void signing_out_ends_the_session_at_the_identity_provider_too() {
        browser = Browser.start();
        browser.open(portal("/events"));
        browser.driver().findElement(By.linkText("Iniciar sesión")).click();
        signInAtTheProvider(ANA, "Nombre de usuario", "Contraseña", "Iniciar sesión");
        waitFor("the catalogue, signed in", driver -> driver.getCurrentUrl().startsWith(portal("/events"))
                && !driver.findElements(Browser.button("Cerrar sesión")).isEmpty());

        browser.press("Cerrar sesión");
        waitFor("the address after signing out", driver -> driver.getCurrentUrl().startsWith(PortalStack.AFTER_SIGN_OUT));

        browser.open(portal("/events"));
        waitFor("the catalogue, signed out", driver -> !driver.findElements(By.linkText("Iniciar sesión")).isEmpty());
        browser.driver().findElement(By.linkText("Iniciar sesión")).click();
        waitFor("the provider's sign-in page", driver -> driver.getCurrentUrl().startsWith(TestIdentityProvider.get().issuer() + "/login"));
        assertThat(browser.visible(Browser.labelled("Contraseña")).isDisplayed())
                .as("the provider asks for the password again").isTrue();
    }

    @Test
    @Order(5)
    void an_expired_access_token_is_refreshed_before_the_portal_calls_a_service() throws Exception {
        browser = Browser.start();
        browser.open(portal("/institution"));
        signInAtTheProvider(RAUL, "Nombre de usuario", "Contraseña", "Iniciar sesión");
        waitFor("my institution", driver -> driver.getTitle().startsWith("Mi institución"));
        String session = browser.driver().manage().getCookieNamed("PORTAL_SESSION").getValue();
        String first = PortalTestConfiguration.lastToken();

        PortalTestConfiguration.CLOCK.advance(Duration.ofMinutes(61));   // the access token lives an hour
        try {
            HttpResponse<String> later = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(portal("/institution"))).header("Cookie", "PORTAL_SESSION=" + session).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(later.statusCode()).as("answered without a new sign-in").isEqualTo(200);
            assertThat(later.body()).contains("Tu institución es miembro activo de la Red");
            assertThat(PortalTestConfiguration.lastToken()).as("the token sent after the refresh").isNotEqualTo(first);
        } finally {
            PortalTestConfiguration.CLOCK.advance(Duration.ofMinutes(-61));
        }
    }

    private String resultCount() {
        return browser.driver().findElement(By.id("result-count")).getText();
    }

    private static ApiClient membership() {
        return STACK.membership();
    }

    private static ApiClient events() {
        return STACK.events();
    }
}
