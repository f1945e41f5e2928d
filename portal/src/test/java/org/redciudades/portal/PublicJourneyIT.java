package org.redciudades.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.portal.testing.PortalStack.expect;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.redciudades.chassis.testing.Browser;
import org.redciudades.portal.testing.Accessibility;
import org.redciudades.portal.testing.BrowserJourney;
import org.redciudades.portal.testing.PortalBrowserTest;
import org.redciudades.portal.testing.PortalStack;

/**
 * Members of the public, with no account, in a real browser against the {@link PortalStack}: they register for the
 * summit and a course from the event's page, and come back to their registration through the link in their email, as
 * pretix's attendees do. An organizer has announced the Smart City Summit in Antigua Guatemala with one seat and a
 * waiting list, and an online course.
 */
@PortalBrowserTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicJourneyIT extends BrowserJourney {

    static final String ELENA = "elena.morales@correo.example";
    static final String RODRIGO = "rodrigo.solis@correo.example";
    static final String SUMMIT_ES = "Cumbre de Ciudades Inteligentes 2027";
    static final String SUMMIT_EN = "Smart City Summit 2027";
    static final String COURSE_ES = "Curso de gobierno abierto municipal";
    static final String COURSE_EN = "Municipal open government course";
    static String summit;
    static String course;

    @BeforeAll
    static void theSummitWithOneSeatAndACourse() {
        summit = announce("""
                {"type": "SUMMIT", "titleEs": "%s", "titleEn": "%s",
                 "descriptionEs": "El encuentro anual de la Red.", "descriptionEn": "The network's yearly gathering.",
                 "modality": "IN_PERSON", "venue": {"city": "Antigua Guatemala", "country": "GT", "address": "5a Avenida Norte 2"},
                 "startsAt": "2027-09-22T09:00:00-06:00", "endsAt": "2027-09-22T18:00:00-06:00",
                 "timeZone": "America/Guatemala", "capacity": 1, "waitlistEnabled": true, "audience": "PUBLIC",
                 "requiresApproval": false}
                """.formatted(SUMMIT_ES, SUMMIT_EN));
        course = announce("""
                {"type": "COURSE", "titleEs": "%s", "titleEn": "%s",
                 "descriptionEs": "Datos abiertos y participación.", "descriptionEn": "Open data and participation.",
                 "modality": "VIRTUAL", "onlineLink": "https://meet.example.org/gobierno-abierto",
                 "startsAt": "2027-07-07T16:00:00-06:00", "endsAt": "2027-07-07T18:00:00-06:00",
                 "timeZone": "America/Costa_Rica", "capacity": 40, "waitlistEnabled": true, "audience": "PUBLIC",
                 "requiresApproval": false}
                """.formatted(COURSE_ES, COURSE_EN));
    }

    @Test
    @Order(1)
    void someone_without_an_account_registers_for_the_summit_cancels_from_the_emailed_link_and_the_next_in_line_is_told()
            throws IOException {
        List<String> pages = new ArrayList<>();
        browser = Browser.start();
        browser.open(portal("/events/" + summit));
        waitFor("the summit's page", driver -> driver.getTitle().startsWith(SUMMIT_ES));
        assertThat(text()).contains("Inscríbete con tu nombre y tu correo; no necesitas una cuenta.", "Queda un lugar");
        Accessibility.assertNoViolations(browser, "the summit, signed out, with the form without an account");
        pages.add(text());

        browser.press("Inscribirme");
        WebElement summary = browser.visible(By.cssSelector(".error-summary"));
        assertThat(summary.getText()).contains("Escribe tu nombre completo.", "Escribe tu correo electrónico.");
        assertThat(summary.findElement(By.linkText("Escribe tu correo electrónico.")).getDomAttribute("href"))
                .isEqualTo("#email");
        Accessibility.assertNoViolations(browser, "the form without an account, with errors");
        pages.add(text());

        browser.fillIn("Nombre completo", "Elena Morales Cifuentes");
        browser.fillIn("Correo electrónico", ELENA);
        browser.press("Inscribirme");
        WebElement sent = browser.visible(By.id("outcome"));
        assertThat(sent.getText()).contains("Revisa tu correo", ELENA)
                .as("202 whatever the email's past: the page claims no seat").doesNotContain("confirmado");
        Accessibility.assertNoViolations(browser, "check your email");
        pages.add(text());

        MimeMessage confirmed = STACK.awaitMail(ELENA, "Inscripción confirmada: " + SUMMIT_ES);
        String elenasLink = PortalStack.link(confirmed, portal("/registrations/"));
        registerWithoutAccount(summit, "Rodrigo Solís Pérez", RODRIGO, "es-MX");
        MimeMessage waiting = STACK.awaitMail(RODRIGO, "Está en lista de espera: " + SUMMIT_ES);
        String rodrigosLink = PortalStack.link(waiting, portal("/registrations/"));

        browser.open(elenasLink);
        waitFor("Elena's registration", driver -> driver.getTitle().startsWith("Tu inscripción"));
        assertThat(text()).contains("A nombre de Elena Morales Cifuentes, con el correo " + ELENA, SUMMIT_ES,
                "Tu inscripción: Lugar confirmado", "Antigua Guatemala, Guatemala");
        Accessibility.assertNoViolations(browser, "a registration through its emailed link");
        pages.add(text());

        browser.driver().findElement(By.linkText("Cancelar mi inscripción")).click();
        waitFor("the question before cancelling", driver -> driver.getTitle().startsWith("Cancelar tu inscripción"));
        assertThat(text()).contains("¿Cancelar tu inscripción?", "Elena Morales Cifuentes",
                "Puedes cancelar por tu cuenta hasta que empiece el evento.");
        Accessibility.assertNoViolations(browser, "the question before cancelling, through the emailed link");
        pages.add(text());
        browser.press("Sí, cancelar mi inscripción");
        waitFor("the registration, cancelled", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Cancelaste tu inscripción.");
        assertThat(text()).contains("Tu inscripción: Cancelada").doesNotContain("Cancelar mi inscripción");
        Accessibility.assertNoViolations(browser, "a registration cancelled through its emailed link");
        pages.add(text());
        STACK.awaitMail(ELENA, "Inscripción cancelada: " + SUMMIT_ES);

        STACK.awaitMail(RODRIGO, "Se liberó un lugar: su inscripción a " + SUMMIT_ES + " está confirmada");
        browser.open(rodrigosLink);
        waitFor("Rodrigo's registration", driver -> driver.getTitle().startsWith("Tu inscripción"));
        assertThat(text()).as("the first in line has the seat").contains("Rodrigo Solís Pérez", "Tu inscripción: Lugar confirmado");

        List<String> english = englishOnlyTexts();
        for (String page : pages) {
            assertThat(english).as("English texts on a Spanish page:%n%s", page).noneMatch(page::contains);
        }
    }

    @Test
    @Order(2)
    void a_manage_link_with_a_wrong_token_finds_nothing_and_says_so_in_words() throws Exception {
        String registration = PortalStack.link(STACK.awaitMail(ELENA, "Inscripción confirmada: " + SUMMIT_ES),
                portal("/registrations/")).replaceAll("token=.*", "token=no-es-el-bueno");

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registration))
                .header("Accept-Language", "es-MX").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("No encontramos esa inscripción").doesNotContain(ELENA, "Elena");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
    }

    @Test
    @Order(3)
    void in_english_a_visitor_registers_for_the_course_and_opens_the_link_without_a_word_of_spanish() throws IOException {
        String visitor = "maria.lopez@mail.example";
        List<String> spanish = spanishOnlyTexts();
        List<String> pages = new ArrayList<>();
        browser = Browser.start("en");
        browser.open(portal("/events/" + course));
        waitFor("the course's page in English", driver -> driver.getTitle().startsWith(COURSE_EN));
        assertThat(browser.visible(By.id("locale2")).isSelected()).as("English emails, as the page reads").isTrue();
        pages.add(text());

        browser.fillIn("Full name", "María López");
        browser.fillIn("Email address", visitor);
        browser.press("Register");
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Check your email", visitor);
        Accessibility.assertNoViolations(browser, "check your email, in English");
        pages.add(text());

        MimeMessage confirmed = STACK.awaitMail(visitor, "Registration confirmed: " + COURSE_EN);
        browser.open(PortalStack.link(confirmed, portal("/registrations/")));
        waitFor("the registration in English", driver -> driver.getTitle().startsWith("Your registration"));
        assertThat(text()).contains("In the name of María López", "Your registration: Seat confirmed",
                "https://meet.example.org/gobierno-abierto");
        Accessibility.assertNoViolations(browser, "a registration through its emailed link, in English");
        pages.add(text());

        for (String page : pages) {
            assertThat(spanish).as("Spanish texts on an English page:%n%s", page).noneMatch(page::contains);
        }
    }

    @Test
    @Order(4)
    void registering_again_and_again_with_one_email_is_refused_in_words_with_when_to_try_again() {
        String eager = "muy.insistente@correo.example";
        for (int i = 0; i < 5; i++) {   // events.guest-registrations.per-email: 5 an hour
            registerWithoutAccount(course, "Persona Insistente", eager, "es-MX");
        }
        browser = Browser.start();
        browser.open(portal("/events/" + course));
        waitFor("the course's page", driver -> driver.getTitle().startsWith(COURSE_ES));
        browser.fillIn("Nombre completo", "Persona Insistente");
        browser.fillIn("Correo electrónico", eager);
        browser.press("Inscribirme");

        WebElement problem = browser.visible(By.cssSelector(".problem"));
        assertThat(problem.getText()).contains("Demasiadas inscripciones seguidas")
                .containsPattern("Vuelve a intentarlo en (un minuto|\\d+ minutos)\\.");
        Accessibility.assertNoViolations(browser, "too many registrations without an account");
    }

    /** What another visitor's browser would send, straight to events-service. */
    private static void registerWithoutAccount(String event, String name, String email, String locale) {
        expect(202, STACK.events().post("/api/v1/events/" + event + "/guest-registrations", null, """
                {"name": "%s", "email": "%s", "locale": "%s"}""".formatted(name, email, locale)));
    }
}
