package org.redciudades.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.portal.testing.PortalStack.expect;
import static org.redciudades.portal.testing.PortalStack.field;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.redciudades.chassis.testing.Browser;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.portal.testing.Accessibility;
import org.redciudades.portal.testing.BrowserJourney;
import org.redciudades.portal.testing.PortalBrowserTest;

/**
 * Organizers at work on the network's membership, in a real browser against the {@link
 * org.redciudades.portal.testing.PortalStack}: IMPLAN Xalapa applies through membership-service's public API, as
 * the public does; an organizer reviews, approves and records its signed agreement in the portal, and its contacts
 * receive the welcome; later the organizer suspends it with a reason, which the timeline shows, and meets a step the
 * lifecycle no longer allows. Someone without the organizer role, and the ops person, get no organizer page. The
 * journeys run in order, as the member's lifecycle does.
 */
@PortalBrowserTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganizerMembersJourneyIT extends BrowserJourney {

    static final String INSTITUTION = "Instituto Municipal de Planeación de Xalapa";
    static final String ROSA = "rosa.lima@implan-xalapa.example.mx";
    static final String IVAN = "ivan.soto@implan-xalapa.example.mx";
    static final String ORGANIZER = "test-organizer";
    static final String SUSPENSION_REASON = "Adeudo de la cuota anual de 2026.";
    static String member;

    @BeforeAll
    static void anInstitutionAppliesAsThePublicDoes() {
        member = field(expect(201, STACK.membership().post("/api/v1/applications", null, """
                {"institution": {"name": "%s", "kind": "MUNICIPAL_PLANNING_INSTITUTE", "country": "MX",
                                 "region": "Veracruz", "city": "Xalapa", "website": "https://implan-xalapa.example.mx"},
                 "locale": "es-MX", "timeZone": "America/Mexico_City",
                 "contacts": [{"name": "Rosa Lima", "email": "%s", "title": "Directora", "locale": "es-MX", "primary": true},
                              {"name": "Iván Soto", "email": "%s", "title": "Enlace técnico", "locale": "en", "primary": false}]}
                """.formatted(INSTITUTION, ROSA, IVAN))), "id");
        TestTokens.withRole("organizer");
    }

    @Test
    @Order(1)
    void an_organizer_takes_an_applicant_to_active_and_its_contacts_receive_the_welcome() throws Exception {
        List<String> pages = new ArrayList<>();
        browser = Browser.start();
        signInFrom("/events", ORGANIZER);
        browser.driver().findElement(By.linkText("Organización")).click();
        waitFor("the organizers' start page", driver -> driver.getTitle().startsWith("Organización"));
        assertThat(text()).contains("Lo que espera", "Solicitudes", "Miembros", "Registro de asistencia")
                .containsPattern("(Una solicitud nueva|\\d+ solicitudes nuevas), sin revisar");
        assertThat(browser.driver().findElement(By.linkText("Registro de asistencia")).getDomAttribute("href"))
                .isEqualTo("/organizer/check-in");
        Accessibility.assertNoViolations(browser, "the organizers' start page");
        pages.add(text());

        browser.driver().findElement(By.linkText("Solicitudes")).click();
        waitFor("the queue of applications", driver -> driver.getTitle().startsWith("Solicitudes"));
        WebElement application = card(INSTITUTION);
        assertThat(application.getText()).contains("Instituto municipal de planeación · Xalapa, Veracruz, México",
                "Contactos (2)", "Rosa Lima, Directora", ROSA, "Iván Soto, Enlace técnico", IVAN);
        assertThat(text()).containsPattern("Nuevas \\(\\d+\\)").containsPattern("En revisión \\(\\d+\\)");
        Accessibility.assertNoViolations(browser, "the queue of applications");
        pages.add(text());

        application.findElement(By.linkText(INSTITUTION)).click();
        waitFor("the application's page", driver -> driver.getTitle().startsWith("Solicitud de " + INSTITUTION));
        assertThat(text()).contains("Estado: Solicitud nueva", "Qué sigue",
                "Marca la solicitud como en revisión para el resto del equipo. No se avisa a nadie.",
                "Sus contactos reciben un correo: la solicitud fue aprobada y el siguiente paso es firmar el convenio.",
                "Historial", "Solicitud recibida", "hora de Ciudad de México, UTC\u22126");
        Accessibility.assertNoViolations(browser, "an application's page");
        pages.add(text());

        browser.press("Empezar la revisión");
        waitFor("the review started", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.visible(By.id("outcome")).getText())
                .isEqualTo("La solicitud de " + INSTITUTION + " está en revisión. No avisamos a nadie: es un paso interno.");
        assertThat(text()).contains("Estado: Solicitud en revisión", "Revisión iniciada",
                "De «Solicitud nueva» a «Solicitud en revisión»", "Por: " + ORGANIZER)
                .doesNotContain("Empezar la revisión");
        Accessibility.assertNoViolations(browser, "an application under review");
        pages.add(text());

        // Rejecting asks for the reason its contacts will read; without one, nothing happens
        browser.driver().findElement(By.linkText("Rechazar la solicitud")).click();
        waitFor("the question before rejecting", driver -> driver.getTitle().startsWith("Rechazar la solicitud"));
        assertThat(text()).contains("¿Rechazar la solicitud de " + INSTITUTION + "?",
                "Sus contactos reciben un correo con el resultado y el motivo que escribas.");
        browser.press("Rechazar la solicitud");
        WebElement summary = browser.visible(By.cssSelector(".error-summary"));
        assertThat(summary.getText()).contains("Escribe el motivo del rechazo: sus contactos lo recibirán.");
        assertThat(browser.driver().switchTo().activeElement()).as("the summary takes the focus").isEqualTo(summary);
        Accessibility.assertNoViolations(browser, "a rejection without a reason");
        pages.add(text());
        assertThat(STACK.membership().get("/api/v1/members/" + member, TestTokens.withRole("organizer")).body())
                .contains("\"status\":\"UNDER_REVIEW\"");
        browser.driver().findElement(By.linkText("No, volver sin cambiar nada")).click();
        waitFor("the application's page again", driver -> driver.getTitle().startsWith("Solicitud de " + INSTITUTION));

        browser.press("Aprobar la solicitud");
        waitFor("the application approved", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.visible(By.id("outcome")).getText()).startsWith("Aprobaste la solicitud de " + INSTITUTION + ".");
        assertThat(text()).contains("Estado: Aprobada, falta el convenio", "Solicitud aprobada",
                "Sus contactos reciben la bienvenida a la Red por correo.");

        browser.driver().findElement(By.linkText("Registrar el convenio firmado")).click();
        waitFor("the agreement's form", driver -> driver.getTitle().startsWith("Registrar el convenio"));
        Accessibility.assertNoViolations(browser, "the agreement's form");
        pages.add(text());
        browser.fillIn("Fecha de firma", "20/11/2026");
        browser.fillIn("Inicio de la vigencia", "1/12/2026");
        browser.fillIn("Fin de la vigencia (opcional)", "30/11/2026");
        browser.fillIn("Referencia del documento", "RCI-CONV-2026-041");
        browser.fillIn("Firmó por la institución", "Rosa Lima, Directora");
        browser.fillIn("Firmó por la Red", "Marta Quiroz, Coordinadora de la Red");
        browser.press("Registrar el convenio y activar");
        // The term ending before it starts: membership-service's refusal, in its words, next to the field
        WebElement refused = browser.visible(By.cssSelector(".error-summary"));
        assertThat(refused.getText()).contains("el fin de la vigencia debe ser posterior a su inicio");
        assertThat(browser.visible(Browser.labelled("Fin de la vigencia (opcional)")).getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        Accessibility.assertNoViolations(browser, "an agreement the service refused");
        pages.add(text());
        browser.fillIn("Fin de la vigencia (opcional)", "30/11/2028");
        browser.press("Registrar el convenio y activar");

        waitFor("the member's page", driver -> driver.getTitle().startsWith(INSTITUTION));
        assertThat(browser.visible(By.id("outcome")).getText()).isEqualTo(INSTITUTION
                + " ya es miembro activo de la Red. Sus contactos reciben la bienvenida por correo.");
        assertThat(text()).contains("Estado: Miembro activo", "Convenio de colaboración",
                "Del 1 de diciembre de 2026 al 30 de noviembre de 2028", "RCI-CONV-2026-041",
                "Rosa Lima, Directora, por la institución; Marta Quiroz, Coordinadora de la Red, por la Red",
                "Convenio registrado: miembro activo", "Suspender la membresía", "Dar de baja", "Renovar el convenio")
                .doesNotContain("Restablecer la membresía");
        Accessibility.assertNoViolations(browser, "a member just activated");
        pages.add(text());

        STACK.awaitMail(ROSA, "Bienvenida a la Red");
        STACK.awaitMail(IVAN, "Welcome to the Smart Cities Network");

        List<String> english = englishOnlyTexts();
        for (String page : pages) {
            assertThat(english).as("English texts on a Spanish page:%n%s", page).noneMatch(page::contains);
        }
    }

    @Test
    @Order(2)
    void a_suspension_with_its_reason_shows_on_the_timeline_and_a_step_the_lifecycle_no_longer_allows_is_refused_in_words()
            throws Exception {
        List<String> pages = new ArrayList<>();
        browser = Browser.start();
        signInFrom("/events", ORGANIZER);
        browser.open(portal("/organizer/members"));
        waitFor("the member search", driver -> driver.getTitle().startsWith("Miembros"));
        browser.fillIn("Nombre de la institución", "planeacion de xalapa");
        browser.press("Buscar");
        waitFor("the search's results", driver -> driver.getCurrentUrl().contains("name=planeacion"));
        assertThat(text()).contains("Una institución");
        WebElement found = card(INSTITUTION);
        assertThat(found.getText()).contains("Miembro activo", "Xalapa, Veracruz, México");
        Accessibility.assertNoViolations(browser, "the member search");
        pages.add(text());

        found.findElement(By.linkText(INSTITUTION)).click();
        waitFor("the member's page", driver -> driver.getTitle().startsWith(INSTITUTION));
        browser.driver().findElement(By.linkText("Suspender la membresía")).click();
        waitFor("the question before suspending", driver -> driver.getTitle().startsWith("Suspender la membresía"));
        assertThat(text()).contains("¿Suspender la membresía de " + INSTITUTION + "?",
                "su personal no podrá inscribirse en los eventos solo para instituciones miembro",
                "Sus contactos reciben un correo con el motivo que escribas.");
        Accessibility.assertNoViolations(browser, "the question before suspending");
        pages.add(text());
        browser.fillIn("Motivo de la suspensión", SUSPENSION_REASON);
        browser.press("Suspender la membresía");

        waitFor("the member suspended", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.visible(By.id("outcome")).getText()).isEqualTo("Suspendiste la membresía de " + INSTITUTION
                + ". Sus contactos reciben un correo con el motivo.");
        WebElement latest = browser.driver().findElement(By.cssSelector(".timeline-entry"));
        assertThat(latest.getText()).contains("Membresía suspendida", "hora de Ciudad de México, UTC\u22126",
                "De «Miembro activo» a «Membresía suspendida»", "Por: " + ORGANIZER, "Motivo: " + SUSPENSION_REASON);
        assertThat(text()).contains("Estado: Membresía suspendida", "Restablecer la membresía", "Dar de baja")
                .doesNotContain("Suspender la membresía", "Renovar el convenio");
        Accessibility.assertNoViolations(browser, "a suspended member's timeline");
        pages.add(text());
        assertThat(org.redciudades.portal.testing.PortalStack.text(STACK.awaitMail(ROSA, "Membresía suspendida"))).contains(SUSPENSION_REASON);

        // Another organizer reinstates it while this page is open: the service refuses the stale step, in words
        browser.driver().findElement(By.linkText("Restablecer la membresía")).click();
        waitFor("the question before reinstating", driver -> driver.getTitle().startsWith("Restablecer la membresía"));
        expect(200, STACK.membership().post("/api/v1/members/" + member + "/reinstatement",
                TestTokens.withRole("organizer"), "{\"reason\": \"Pago recibido.\"}"));
        browser.press("Restablecer la membresía");
        WebElement problem = browser.visible(By.cssSelector(".problem"));
        assertThat(problem.getText()).contains("Paso del ciclo de vida no permitido",
                "Con el estado «activo» no se puede restablecer la membresía.").doesNotContain("409", "REINSTATE");
        assertThat(text()).contains("Estado: Miembro activo",
                "Con el estado «Miembro activo» la Red no permite este paso ahora.");
        assertThat(browser.driver().findElements(Browser.button("Restablecer la membresía"))).isEmpty();
        Accessibility.assertNoViolations(browser, "a step the lifecycle refused");
        pages.add(text());

        List<String> english = englishOnlyTexts();
        for (String page : pages) {
            assertThat(english).as("English texts on a Spanish page:%n%s", page).noneMatch(page::contains);
        }

        browser.open(portal("/organizer/members/" + member));
        waitFor("the member's page", driver -> driver.getTitle().startsWith(INSTITUTION));
        browser.driver().findElement(By.linkText("English")).click();
        waitFor("the member's page in English", driver -> text().contains("Status: Active member"));
        assertThat(text()).contains("History", "Membership reinstated", "Reason: Pago recibido.",
                "Membership suspended", "Reason: " + SUSPENSION_REASON, "Mexico City", "Suspend the membership");
        Accessibility.assertNoViolations(browser, "a member's page in English");
        String page = text();
        assertThat(spanishOnlyTexts()).as("Spanish texts on an English page:%n%s", page).noneMatch(page::contains);
    }

    @Test
    @Order(3)
    void a_person_without_the_organizer_role_gets_no_organizer_page_nor_a_link_to_one_and_neither_does_ops()
            throws Exception {
        List<String> pages = new ArrayList<>();
        TestTokens.forPerson("curioso@ciudadano.example.mx");
        browser = Browser.start();
        signInFrom("/events", "curioso@ciudadano.example.mx");
        assertThat(browser.driver().findElements(By.linkText("Organización"))).isEmpty();
        for (String path : List.of("/organizer", "/organizer/applications", "/organizer/members/" + member)) {
            browser.open(portal(path));
            waitFor("the refusal of " + path, driver -> driver.getTitle().startsWith("Esta página no es para tu cuenta"));
            assertThat(status(path)).as(path).isEqualTo(403);
            assertThat(text()).contains("se abren solo a las personas con ese rol").doesNotContain(INSTITUTION);
        }
        Accessibility.assertNoViolations(browser, "an organizer page refused to someone without the role");
        pages.add(text());
        browser.close();

        TestTokens.withRole("ops");
        browser = Browser.start();
        signInFrom("/events", "test-ops");
        assertThat(browser.driver().findElements(By.linkText("Operación"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.linkText("Organización"))).isEmpty();
        browser.open(portal("/organizer/members"));
        waitFor("the refusal", driver -> driver.getTitle().startsWith("Esta página no es para tu cuenta"));
        assertThat(status("/organizer/members")).isEqualTo(403);
        assertThat(status("/organizer")).isEqualTo(403);
        pages.add(text());

        List<String> english = englishOnlyTexts();
        for (String page : pages) {
            assertThat(english).as("English texts on a Spanish page:%n%s", page).noneMatch(page::contains);
        }
    }

    /** The member in a list (the queue, a search's results) whose link says {@code name}. */
    private WebElement card(String name) {
        return browser.visible(By.xpath("//li[contains(@class, 'member-card')][.//a[normalize-space(.)='" + name + "']]"));
    }

    /** The status the portal answers {@code path} with, fetched in the browser with its session. */
    private int status(String path) {
        Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {redirect: 'manual'}).then(r => done(r.status)).catch(e => done(-1));
                """, path);
        return ((Number) status).intValue();
    }
}
