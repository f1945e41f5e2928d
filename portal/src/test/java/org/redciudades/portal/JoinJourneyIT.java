package org.redciudades.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.portal.testing.PortalStack.expect;
import static org.redciudades.portal.testing.PortalStack.field;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.redciudades.chassis.testing.Browser;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.portal.testing.Accessibility;
import org.redciudades.portal.testing.BrowserJourney;
import org.redciudades.portal.testing.PortalBrowserTest;
import org.redciudades.portal.testing.PortalStack;

/**
 * Institutions applying to join the network in a real browser against the {@link PortalStack}: the form, signed out,
 * in Spanish, with one round of errors, then what happens next, the application at membership-service and its emails;
 * and the same form in English for a signed-in person, whose institution has applied already.
 */
@PortalBrowserTest
class JoinJourneyIT extends BrowserJourney {

    static final String MARTA = "marta.alvarenga@santatecla.example.sv";
    static final String DIEGO = "diego.flores@santatecla.example.sv";
    static final String SANTA_TECLA = "Alcaldía de Santa Tecla";
    static final String ALEX = "alex.morgan@implan-chihuahua.example.mx";
    static final String CHIHUAHUA = "IMPLAN Chihuahua";

    @BeforeAll
    static void anOpenApplicationOfImplanChihuahua() {
        expect(201, STACK.membership().post("/api/v1/applications", null, """
                {"institution": {"name": "%s", "kind": "MUNICIPAL_PLANNING_INSTITUTE", "country": "MX",
                                 "region": "Chihuahua", "city": "Chihuahua"},
                 "locale": "es-MX", "timeZone": "America/Chihuahua",
                 "contacts": [{"name": "Contacto de IMPLAN Chihuahua", "email": "direccion@implan-chihuahua.example.mx",
                               "locale": "es-MX", "primary": true}]}
                """.formatted(CHIHUAHUA)));
        TestTokens.forPerson(ALEX);   // at the provider too
    }

    @Test
    void an_institution_applies_to_join_corrects_its_errors_and_reads_what_happens_next() throws IOException {
        List<String> pages = new ArrayList<>();
        browser = Browser.start();
        browser.open(portal("/events"));
        waitFor("the catalogue", driver -> driver.getTitle().startsWith("Eventos"));
        assertThat(browser.driver().findElements(By.linkText("¿Tu institución quiere ser parte de la Red? Solicita unirte.")))
                .as("the footer's link").isNotEmpty();
        browser.driver().findElement(By.linkText("Únete a la Red")).click();
        waitFor("the application form", driver -> driver.getTitle().startsWith("Solicitud para unirse a la Red"));
        assertThat(selected("Zona horaria de la institución")).as("the portal's default zone, for someone signed out")
                .isEqualTo("Ciudad de México (México), UTC\u22126");
        Accessibility.assertNoViolations(browser, "the application form");
        pages.add(text());

        browser.fillIn("Nombre de la institución", SANTA_TECLA);
        select("Tipo de institución", "Municipio o ayuntamiento");
        select("País", "El Salvador");
        browser.fillIn("Estado, departamento o provincia", "La Libertad");
        browser.fillIn("Sitio web (opcional)", "www.santatecla.example.sv");
        select("Zona horaria de la institución", "El Salvador, UTC\u22126");
        fieldIn("Contacto principal", "Nombre completo").sendKeys("Marta Alvarenga");
        fieldIn("Contacto principal", "Correo electrónico").sendKeys(MARTA);
        fieldIn("Contacto principal", "Cargo (opcional)").sendKeys("Directora de Planificación");
        fieldIn("Tercer contacto (opcional)", "Nombre completo").sendKeys("Diego Flores");
        fieldIn("Tercer contacto (opcional)", "Correo electrónico").sendKeys("diego.flores@");
        new Select(fieldIn("Tercer contacto (opcional)", "Idioma de sus correos")).selectByVisibleText("English");
        browser.press("Enviar la solicitud");

        WebElement summary = browser.visible(By.cssSelector(".error-summary"));
        assertThat(summary.getText()).contains("Revisa lo siguiente antes de continuar",
                "Escribe la ciudad o el municipio.",
                "Tercer contacto: Escribe un correo electrónico válido, como nombre@implan.gob.mx.");
        assertThat(summary.getDomAttribute("role")).isEqualTo("alert");
        WebElement cityLink = summary.findElement(By.linkText("Escribe la ciudad o el municipio."));
        assertThat(browser.driver().findElement(By.id(cityLink.getDomAttribute("href").substring(1))))
                .as("the summary links to the city field").isEqualTo(browser.visible(Browser.labelled("Ciudad o municipio")));
        WebElement emailLink = summary.findElement(By.partialLinkText("Tercer contacto:"));
        WebElement thirdEmail = fieldIn("Tercer contacto (opcional)", "Correo electrónico");
        assertThat(browser.driver().findElement(By.id(emailLink.getDomAttribute("href").substring(1))))
                .as("the summary links to the third contact's email").isEqualTo(thirdEmail);
        assertThat(thirdEmail.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(thirdEmail.getDomProperty("value")).as("what was typed is kept").isEqualTo("diego.flores@");
        assertThat(fieldIn("Contacto principal", "Nombre completo").getDomProperty("value")).isEqualTo("Marta Alvarenga");
        Accessibility.assertNoViolations(browser, "the application form with errors");
        pages.add(text());

        cityLink.click();
        browser.fillIn("Ciudad o municipio", "Santa Tecla");
        thirdEmail.clear();
        thirdEmail.sendKeys(DIEGO);
        browser.press("Enviar la solicitud");

        waitFor("what happens next", driver -> driver.getTitle().startsWith("Recibimos tu solicitud"));
        assertThat(browser.driver().getCurrentUrl()).as("redirected after the POST").endsWith("/join/submitted");
        assertThat(text()).contains("Recibimos la solicitud de " + SANTA_TECLA, "Número de solicitud:", "Qué sigue",
                        "cada contacto que diste recibe un correo", "Los organizadores de la Red revisan la solicitud",
                        "firman el convenio de colaboración")
                .as("no more personal data than needed").doesNotContain(MARTA, DIEGO, "Marta", "Diego");
        Accessibility.assertNoViolations(browser, "what happens after applying");
        pages.add(text());

        String organizer = TestTokens.withRole("organizer");
        String found = expect(200, STACK.membership().get("/api/v1/members?name=Santa%20Tecla", organizer));
        assertThat(found).contains("\"totalItems\":1", "\"status\":\"SUBMITTED\"", "\"country\":\"SV\"",
                "\"kind\":\"MUNICIPALITY\"");
        String id = field(found, "id");
        assertThat(text()).as("the application's number is the member's id").contains(id);
        String member = expect(200, STACK.membership().get("/api/v1/members/" + id, organizer));
        assertThat(member).contains("\"name\":\"" + SANTA_TECLA + "\"", "\"region\":\"La Libertad\"",
                "\"city\":\"Santa Tecla\"", "\"website\":\"https://www.santatecla.example.sv\"", "\"locale\":\"es-MX\"",
                "\"timeZone\":\"America/El_Salvador\"", "\"status\":\"SUBMITTED\"");
        assertThat(member.replaceAll("\"id\":\"[^\"]+\",", "")).contains(
                "{\"name\":\"Marta Alvarenga\",\"email\":\"" + MARTA + "\",\"title\":\"Directora de Planificación\",\"locale\":\"es-MX\",\"primary\":true}",
                "{\"name\":\"Diego Flores\",\"email\":\"" + DIEGO + "\",\"title\":null,\"locale\":\"en\",\"primary\":false}");

        // notification-service writes to every contact of an application, each in their own language
        STACK.awaitMail(MARTA, "Recibimos la solicitud de " + SANTA_TECLA);
        STACK.awaitMail(DIEGO, "We received the application of " + SANTA_TECLA);

        List<String> english = englishOnlyTexts();
        for (String page : pages) {
            assertThat(english).as("English texts on a Spanish page:%n%s", page).noneMatch(page::contains);
        }
    }

    @Test
    void in_english_a_signed_in_person_applies_for_an_institution_that_has_applied_already_without_a_word_of_spanish()
            throws IOException {
        List<String> pages = new ArrayList<>();
        browser = Browser.start();
        browser.open(portal("/join?lang=en"));
        waitFor("the form in English", driver -> driver.getTitle().startsWith("Apply to join the network"));
        browser.driver().findElement(By.linkText("Sign in")).click();
        signInAtTheProvider(ALEX, "Username", "Password", "Sign in");
        waitFor("the form, signed in", driver -> driver.getCurrentUrl().endsWith("/join")
                && !driver.findElements(Browser.button("Sign out")).isEmpty());
        assertThat(fieldIn("Primary contact", "Full name").getDomProperty("value")).as("from the ID token")
                .isEqualTo("Persona de prueba");
        assertThat(fieldIn("Primary contact", "Email address").getDomProperty("value")).isEqualTo(ALEX);
        assertThat(selected("The institution's language")).isEqualTo("English");
        pages.add(text());

        browser.press("Send the application");
        WebElement summary = browser.visible(By.cssSelector(".error-summary"));
        assertThat(summary.getText()).contains("Enter the name of the institution.", "Choose the kind of institution.",
                "Choose the institution's country.");
        Accessibility.assertNoViolations(browser, "the application form with errors, in English");
        pages.add(text());

        browser.fillIn("Name of the institution", CHIHUAHUA);
        select("Kind of institution", "Municipal planning institute (IMPLAN)");
        select("Country", "Mexico");
        browser.fillIn("State, department or province", "Chihuahua");
        browser.fillIn("City or municipality", "Chihuahua");
        select("The institution's time zone", "Chihuahua (Mexico), UTC\u22126");
        browser.press("Send the application");

        WebElement problem = browser.visible(By.cssSelector(".problem"));
        assertThat(problem.getText()).contains("This institution is already in the network or has already applied",
                "If your institution has already applied, wait for the answer by email")
                .doesNotContain("duplicate-member", "409");
        assertThat(browser.visible(Browser.labelled("Name of the institution")).getDomProperty("value"))
                .as("the form keeps what was typed").isEqualTo(CHIHUAHUA);
        pages.add(text());

        List<String> spanish = spanishOnlyTexts();
        for (String page : pages) {
            assertThat(spanish).as("Spanish texts on an English page:%n%s", page).noneMatch(page::contains);
        }
    }

    /** The field labelled {@code label} in the group (a contact's fieldset) whose legend says {@code legend}. */
    private WebElement fieldIn(String legend, String label) {
        WebElement group = browser.visible(By.xpath("//fieldset[legend[normalize-space(.)='" + legend + "']]"));
        String id = group.findElement(By.xpath(".//label[normalize-space(.)=\"" + label + "\"]")).getDomAttribute("for");
        return group.findElement(By.id(id));
    }

    private void select(String label, String option) {
        new Select(browser.visible(Browser.labelled(label))).selectByVisibleText(option);
    }

    private String selected(String label) {
        return new Select(browser.visible(Browser.labelled(label))).getFirstSelectedOption().getText();
    }
}
