package org.redciudades.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.portal.testing.PortalStack.expect;
import static org.redciudades.portal.testing.PortalStack.field;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.redciudades.chassis.testing.Browser;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.portal.testing.Accessibility;
import org.redciudades.portal.testing.BrowserJourney;
import org.redciudades.portal.testing.PortalBrowserTest;
import org.redciudades.portal.testing.PortalStack;

/**
 * An organizer in a real browser against the {@link PortalStack}: drafts a bilingual bootcamp in Guatemala City,
 * announces it, raises its capacity so that the people waiting get seats and are told; decides on registrations that
 * wait for approval, and takes an event through its other steps, each page saying whom it tells; and checks people in
 * at the door of a site visit in San Salvador from a 390 px wide phone, by the QR code of their confirmation email, by
 * the code typed, and by name, a repeated check-in said with its time. People register through events-service's API,
 * each signed in with their own token. axe-core checks every page and state.
 */
@PortalBrowserTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganizerEventsJourneyIT extends BrowserJourney {

    static final String ORGANIZER = "test-organizer";
    static final String BOOTCAMP_ES = "Bootcamp de datos abiertos para la movilidad";
    static final String BOOTCAMP_EN = "Open data for mobility bootcamp";
    static final String VISIT_ES = "Recorrido por el centro histórico de San Salvador";
    static final String VISIT_EN = "Walk through San Salvador's historic centre";
    static final String COURSE_ES = "Curso de catastro multifinalitario";
    static final Pattern CODE = Pattern.compile("Su código de registro es ([0-9A-F]{4}-[0-9A-F]{4})");
    static String bootcamp;
    static String visit;

    @BeforeAll
    static void theOrganizerExists() {
        TestTokens.withRole("organizer");
    }

    @Test
    @Order(1)
    void an_organizer_drafts_a_bilingual_bootcamp_announces_it_raises_its_capacity_and_the_waiting_people_are_promoted_and_told()
            throws Exception {
        List<String> pages = new ArrayList<>();
        browser = Browser.start();
        signInAt("/organizer/events");
        waitFor("the organizer's events", driver -> driver.getTitle().startsWith("Eventos que organizas"));
        Accessibility.assertNoViolations(browser, "the organizer's events");
        pages.add(text());

        browser.driver().findElement(By.linkText("Nuevo evento")).click();
        waitFor("the draft form", driver -> driver.getTitle().startsWith("Nuevo evento"));
        Accessibility.assertNoViolations(browser, "a new event's form");
        browser.press("Guardar el borrador");
        WebElement summary = browser.visible(By.cssSelector(".error-summary"));
        assertThat(summary.getText()).contains("Escribe el título en español.",
                "Escribe el día y la hora en que empieza.", "Escribe el día y la hora en que termina.");
        assertThat(summary.findElement(By.linkText("Escribe el título en español.")).getDomAttribute("href"))
                .isEqualTo("#titleEs");
        Accessibility.assertNoViolations(browser, "a new event's form, with errors");
        pages.add(text());

        browser.fillIn("Título en español", BOOTCAMP_ES);
        browser.fillIn("Título en inglés", BOOTCAMP_EN);
        browser.fillIn("Descripción en español", "Datos abiertos de transporte público para planear rutas.");
        browser.fillIn("Descripción en inglés", "Open public transport data to plan routes.");
        browser.fillIn("Dirección", "6a Avenida 8-00, zona 1");
        browser.fillIn("Ciudad", "Ciudad de Guatemala");
        new Select(browser.visible(Browser.labelled("País"))).selectByVisibleText("Guatemala");
        new Select(browser.visible(Browser.labelled("Zona horaria del evento"))).selectByVisibleText("Guatemala");
        setValue("Empieza", "2027-08-18T09:00");
        setValue("Termina", "2027-08-18T17:00");
        browser.fillIn("Cupo", "2");
        browser.press("Guardar el borrador");
        waitFor("the drafted bootcamp", driver -> driver.getTitle().startsWith(BOOTCAMP_ES));
        bootcamp = browser.driver().getCurrentUrl().replaceAll(".*/organizer/events/", "");
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Guardamos el borrador.");
        assertThat(text()).contains("BORRADOR", BOOTCAMP_EN, "miércoles, 18 de agosto de 2027, de 9:00 a.m. a 5:00 p.m.",
                "hora de Guatemala, UTC−6", "0 de 2 lugares ocupados; nadie en lista de espera")
                .doesNotContain("Ver las inscripciones");
        Accessibility.assertNoViolations(browser, "a draft, as its organizer sees it");
        pages.add(text());

        browser.driver().findElement(By.linkText("Anunciar el evento")).click();
        waitFor("the question before announcing", driver -> driver.getTitle().startsWith("Anunciar el evento"));
        assertThat(text()).contains("¿Anunciar «" + BOOTCAMP_ES + "»?",
                "La Red enviará el anuncio por correo a los contactos de todas las instituciones miembro activas");
        Accessibility.assertNoViolations(browser, "the question before announcing");
        pages.add(text());
        browser.press("Sí, anunciar y enviar el anuncio");
        waitFor("the announced bootcamp", driver -> driver.getTitle().startsWith(BOOTCAMP_ES)
                && !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Anunciamos el evento");
        assertThat(text()).contains("ANUNCIADO, INSCRIPCIÓN ABIERTA");

        String first = register(bootcamp, "Irene Castillo", "irene.castillo@muni-guate.example.gt", "CONFIRMED");
        register(bootcamp, "Joaquín Herrera", "joaquin.herrera@muni-guate.example.gt", "CONFIRMED");
        register(bootcamp, "Karla Méndez", "karla.mendez@muni-mixco.example.gt", "WAITLISTED");
        register(bootcamp, "Luis Ordóñez", "luis.ordonez@muni-mixco.example.gt", "WAITLISTED");

        MimeMessage confirmation = STACK.awaitMail("irene.castillo@muni-guate.example.gt",
                "Inscripción confirmada: " + BOOTCAMP_ES);
        assertThat(qrCode(confirmation)).as("the QR code names the registration's check-in page")
                .isEqualTo(portal("/organizer/check-in/" + first));
        assertThat(plainText(confirmation)).contains("Su código de registro es "
                + first.substring(0, 4).toUpperCase() + "-" + first.substring(4, 8).toUpperCase());

        browser.driver().navigate().refresh();
        waitFor("the seats taken", driver -> text().contains("2 de 2 lugares ocupados; 2 personas en lista de espera"));
        assertThat(text()).contains("2 con lugar confirmado, 0 pendientes de aprobación, 2 en lista de espera, 0 ya asistieron");
        Accessibility.assertNoViolations(browser, "an announced event, full, with two waiting");
        pages.add(text());

        browser.driver().findElement(By.linkText("Cambiar el cupo")).click();
        waitFor("the capacity's page", driver -> driver.getTitle().startsWith("Cambiar el cupo"));
        assertThat(text()).contains("Si lo aumentas, las 2 personas en lista de espera obtienen lugar en orden de llegada",
                "Si lo reduces, nadie pierde su lugar");
        Accessibility.assertNoViolations(browser, "changing the capacity");
        pages.add(text());
        browser.fillIn("Nuevo cupo", "5");
        browser.press("Cambiar el cupo");
        waitFor("the new capacity", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.visible(By.id("outcome")).getText()).isEqualTo("El cupo ahora es de 5. 2 personas de la lista "
                + "de espera obtuvieron lugar y reciben un correo que se lo dice.");
        assertThat(text()).contains("4 de 5 lugares ocupados; nadie en lista de espera");
        Accessibility.assertNoViolations(browser, "the capacity raised");
        pages.add(text());

        STACK.awaitMail("karla.mendez@muni-mixco.example.gt", "Se liberó un lugar");
        STACK.awaitMail("luis.ordonez@muni-mixco.example.gt", "Se liberó un lugar");

        browser.driver().findElement(By.linkText("Ver las inscripciones")).click();
        waitFor("the roster", driver -> driver.getTitle().startsWith("Inscripciones a " + BOOTCAMP_ES));
        assertThat(text()).contains("4 personas", "Irene Castillo", "Luis Ordóñez", "Lugar confirmado");
        browser.driver().findElement(By.linkText("En espera")).click();
        waitFor("nobody waiting", driver -> text().contains("Nadie en esta lista."));
        Accessibility.assertNoViolations(browser, "the roster, filtered");
        pages.add(text());

        HttpResponse<String> csv = withSession("/organizer/events/" + bootcamp + "/registrations.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(csv.body()).contains("Irene Castillo", "Karla Méndez", "Luis Ordóñez", ",CONFIRMED,");

        List<String> english = englishOnlyTexts();
        for (String page : pages) {
            assertThat(english).as("English texts on a Spanish page:%n%s", page).noneMatch(page::contains);
        }
    }

    @Test
    @Order(2)
    void at_the_door_on_a_390_px_phone_people_are_checked_in_by_qr_code_by_code_and_by_name_and_a_repeat_says_when()
            throws Exception {
        visit = announce("""
                {"type": "SITE_VISIT", "titleEs": "%s", "titleEn": "%s",
                 "modality": "IN_PERSON", "venue": {"city": "San Salvador", "country": "SV", "address": "Plaza Libertad"},
                 "startsAt": "2027-09-09T08:00:00-06:00", "endsAt": "2027-09-09T12:00:00-06:00",
                 "timeZone": "America/El_Salvador", "capacity": 10, "waitlistEnabled": false, "audience": "PUBLIC",
                 "requiresApproval": false}
                """.formatted(VISIT_ES, VISIT_EN));
        String ana = register(visit, "Ana Lucía Pérez", "ana.perez@amss.example.sv", "CONFIRMED");
        register(visit, "Bruno Díaz", "bruno.diaz@amss.example.sv", "CONFIRMED");
        register(visit, "Carmen Jiménez Núñez", "carmen.jimenez@amss.example.sv", "CONFIRMED");
        String anasPage = qrCode(STACK.awaitMail("ana.perez@amss.example.sv", "Inscripción confirmada: " + VISIT_ES));
        Matcher code = CODE.matcher(plainText(STACK.awaitMail("bruno.diaz@amss.example.sv",
                "Inscripción confirmada: " + VISIT_ES)));
        assertThat(code.find()).isTrue();
        String brunosCode = code.group(1);

        browser = Browser.start();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        signInAt("/organizer/check-in");
        waitFor("the events at the door", driver -> driver.getTitle().startsWith("Registrar asistencia"));
        assertPhoneWide();
        Accessibility.assertNoViolations(browser, "check-in, choosing the event");
        browser.driver().findElement(By.linkText(VISIT_ES)).click();
        waitFor("the visit's door", driver -> driver.getTitle().startsWith("Asistencia a " + VISIT_ES));
        assertThat(text()).contains("0 de 3 personas con lugar ya registraron su asistencia.");
        assertThat(browser.driver().findElements(By.cssSelector("[data-scanner]")).getFirst().isDisplayed())
                .as("no BarcodeDetector in this browser: the camera's section stays hidden").isFalse();
        assertPhoneWide();
        Accessibility.assertNoViolations(browser, "the door of an event");

        browser.fillIn("Código de registro", "no es");
        browser.press("Buscar por código");
        assertThat(browser.visible(By.cssSelector(".error-summary")).getText())
                .contains("Escribe el código como viene en el correo");
        Accessibility.assertNoViolations(browser, "the door, a code that is not one");
        browser.fillIn("Código de registro", brunosCode.toLowerCase());
        browser.press("Buscar por código");
        waitFor("Bruno, found by his code", driver -> driver.getTitle().startsWith("Bruno Díaz"));
        assertPhoneWide();
        Accessibility.assertNoViolations(browser, "a person at the door");
        browser.press("Registrar asistencia");
        WebElement recorded = browser.visible(By.id("outcome"));
        assertThat(recorded.getText()).contains("Asistencia registrada: Bruno Díaz", "hora de El Salvador, UTC−6");
        assertThat(text()).doesNotContain("ya había");
        Accessibility.assertNoViolations(browser, "a person checked in");

        browser.open(anasPage);
        waitFor("Ana, from her QR code", driver -> driver.getTitle().startsWith("Ana Lucía Pérez"));
        assertThat(text()).contains("ana.perez@amss.example.sv", VISIT_ES);
        // Meanwhile another organizer, at the other door, checks her in
        expect(200, STACK.events().post("/api/v1/registrations/" + ana + "/attendance",
                TestTokens.withRole("organizer"), ""));
        browser.press("Registrar asistencia");
        WebElement repeated = browser.visible(By.id("outcome"));
        assertThat(repeated.getText()).contains("Ana Lucía Pérez ya había registrado su asistencia",
                "Se registró el ", "hora de El Salvador", "no se registró de nuevo");
        assertThat(repeated.getDomAttribute("role")).isEqualTo("alert");
        assertThat(browser.driver().findElements(Browser.button("Registrar asistencia"))).isEmpty();
        assertPhoneWide();
        Accessibility.assertNoViolations(browser, "a repeated check-in");

        browser.driver().findElement(By.linkText("Buscar a otra persona")).click();
        waitFor("the door again", driver -> driver.getTitle().startsWith("Asistencia a " + VISIT_ES));
        browser.fillIn("Nombre o correo", "carmen jimenez");
        browser.press("Buscar por nombre");
        waitFor("Carmen, found without her accents", driver -> text().contains("Carmen Jiménez Núñez"));
        assertPhoneWide();
        Accessibility.assertNoViolations(browser, "the door, found by name");
        browser.press("Registrar asistencia: Carmen Jiménez Núñez");
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Asistencia registrada: Carmen Jiménez Núñez");
        assertThat(text()).contains("3 de 3 personas con lugar ya registraron su asistencia.")
                .doesNotContain("Registrar asistencia: Carmen");
        Accessibility.assertNoViolations(browser, "the door, after a check-in by name");

        browser.fillIn("Código de registro", "0000-0000");
        browser.press("Buscar por código");
        assertThat(browser.visible(By.cssSelector(".problem")).getText())
                .contains("Ninguna inscripción a este evento tiene el código 0000-0000.");
        Accessibility.assertNoViolations(browser, "the door, a code of nobody");
    }

    @Test
    @Order(3)
    void an_organizer_rejects_one_person_approves_the_next_and_takes_the_event_through_its_other_steps() throws Exception {
        String course = announce("""
                {"type": "COURSE", "titleEs": "%s", "titleEn": "Multipurpose cadastre course",
                 "modality": "HYBRID", "venue": {"city": "Tegucigalpa", "country": "HN", "address": "Boulevard Morazán 1"},
                 "onlineLink": "https://meet.example.org/catastro",
                 "startsAt": "2027-10-05T09:00:00-06:00", "endsAt": "2027-10-05T13:00:00-06:00",
                 "timeZone": "America/Tegucigalpa", "capacity": 1, "waitlistEnabled": true, "audience": "PUBLIC",
                 "requiresApproval": true}
                """.formatted(COURSE_ES));
        register(course, "Mario Zelaya", "mario.zelaya@amdc.example.hn", "PENDING_APPROVAL");
        register(course, "Nora Cálix", "nora.calix@amdc.example.hn", "WAITLISTED");
        List<String> pages = new ArrayList<>();

        browser = Browser.start();
        signInAt("/organizer/events/" + course + "/registrations?status=PENDING_APPROVAL");
        waitFor("those awaiting approval", driver -> text().contains("Mario Zelaya"));
        assertThat(text()).contains("Una persona", "Pendiente de tu aprobación, con lugar apartado",
                "Al aprobarla, recibe la confirmación por correo");
        Accessibility.assertNoViolations(browser, "the roster, awaiting approval");
        browser.driver().findElement(By.partialLinkText("Rechazar")).click();
        waitFor("the question before rejecting", driver -> driver.getTitle().startsWith("Rechazar una inscripción"));
        assertThat(text()).contains("¿Rechazar la inscripción de Mario Zelaya?",
                "El lugar que tenía apartado pasa a la siguiente persona en lista de espera");
        Accessibility.assertNoViolations(browser, "the question before rejecting");
        pages.add(text());
        browser.fillIn("Motivo (opcional)", "El curso es para personal de catastro.");
        browser.press("Sí, rechazar y avisar");
        waitFor("the rejection done", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Rechazaste la inscripción de Mario Zelaya",
                "Su lugar pasó a la siguiente persona en espera");
        assertThat(text()).contains("Nora Cálix");
        browser.press("Aprobar: Nora Cálix");
        waitFor("the approval done", driver -> browser.visible(By.id("outcome")).getText().contains("Aprobaste"));
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Aprobaste la inscripción de Nora Cálix");
        Accessibility.assertNoViolations(browser, "the roster, after an approval");
        pages.add(text());
        assertThat(plainText(STACK.awaitMail("mario.zelaya@amdc.example.hn", "Su inscripción no fue aprobada")))
                .contains("El curso es para personal de catastro.");
        STACK.awaitMail("nora.calix@amdc.example.hn", "Inscripción aprobada: " + COURSE_ES);

        browser.open(portal("/organizer/events/" + course + "/edit"));
        waitFor("the description's form", driver -> driver.getTitle().startsWith("Editar el evento"));
        assertThat(text()).contains("El evento ya está anunciado: los cambios aparecen en el catálogo");
        Accessibility.assertNoViolations(browser, "editing an announced event");
        pages.add(text());
        browser.fillIn("Descripción en español", "Catastro para la recaudación, la planeación y el riesgo.");
        browser.press("Guardar los cambios");
        waitFor("the description saved", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(text()).contains("Guardamos los cambios; el catálogo ya los muestra. No se envió ningún correo.");

        browser.driver().findElement(By.linkText("Cambiar la fecha")).click();
        waitFor("the rescheduling's page", driver -> driver.getTitle().startsWith("Cambiar la fecha"));
        assertThat(text()).contains("La persona inscrita recibirá la nueva fecha por correo");
        Accessibility.assertNoViolations(browser, "rescheduling");
        pages.add(text());

        browser.open(portal("/organizer/events/" + course + "/registration-closure"));
        waitFor("the question before closing", driver -> driver.getTitle().startsWith("Cerrar la inscripción"));
        assertThat(text()).contains("Nadie más podrá inscribirse", "No se envía ningún correo.");
        Accessibility.assertNoViolations(browser, "the question before closing registration");
        pages.add(text());
        browser.press("Sí, cerrar la inscripción");
        waitFor("registration closed", driver -> text().contains("Cerramos la inscripción: nadie más puede inscribirse."));

        browser.driver().findElement(By.linkText("Cancelar el evento")).click();
        waitFor("the question before cancelling", driver -> driver.getTitle().startsWith("Cancelar el evento"));
        assertThat(text()).contains("La persona inscrita recibirá la cancelación por correo, con el motivo que escribas");
        browser.press("Sí, cancelar el evento y avisar");
        assertThat(browser.visible(By.cssSelector(".error-summary")).getText())
                .contains("Escribe el motivo; las personas inscritas lo leerán.");
        Accessibility.assertNoViolations(browser, "cancelling an event, without a reason");
        pages.add(text());
        browser.fillIn("Motivo de la cancelación", "La sede no estará disponible.");
        browser.press("Sí, cancelar el evento y avisar");
        waitFor("the event cancelled", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.visible(By.id("outcome")).getText()).isEqualTo(
                "Cancelamos el evento y enviamos la cancelación, con el motivo, a la persona inscrita.");
        assertThat(text()).contains("CANCELADO", "Motivo: La sede no estará disponible.")
                .doesNotContain("Cambiar la fecha", "Cancelar el evento");
        Accessibility.assertNoViolations(browser, "a cancelled event");
        assertThat(plainText(STACK.awaitMail("nora.calix@amdc.example.hn", "Evento cancelado: " + COURSE_ES)))
                .contains("La sede no estará disponible.");

        List<String> english = englishOnlyTexts();
        for (String page : pages) {
            assertThat(english).as("English texts on a Spanish page:%n%s", page).noneMatch(page::contains);
        }
    }

    @Test
    @Order(4)
    void in_english_the_organizer_pages_show_no_spanish_text_of_the_portal() throws Exception {
        List<String> spanish = spanishOnlyTexts();
        List<String> pages = new ArrayList<>();
        browser = Browser.start("en");
        browser.open(portal("/organizer/events"));
        signInAtTheProvider(ORGANIZER, "Username", "Password", "Sign in");
        waitFor("the organizer's events in English", driver -> driver.getTitle().startsWith("Events you organize"));
        pages.add(text());

        browser.open(portal("/organizer/events/" + bootcamp));
        waitFor("the bootcamp in English", driver -> driver.getTitle().startsWith(BOOTCAMP_EN));
        assertThat(text()).contains("4 of 5 seats taken; nobody on the waiting list", "Change the capacity");
        Accessibility.assertNoViolations(browser, "an event, as its organizer sees it, in English");
        pages.add(text().replace(BOOTCAMP_ES, ""));

        browser.driver().findElement(By.linkText("Change the capacity")).click();
        waitFor("the capacity's page in English", driver -> driver.getTitle().startsWith("Change the capacity"));
        pages.add(text());

        browser.open(portal("/organizer/check-in/events/" + visit + "?name=bruno"));
        waitFor("the door in English", driver -> driver.getTitle().startsWith("Check-in for " + VISIT_EN));
        assertThat(text()).contains("3 of 3 people with a seat have checked in.", "Checked in: ");
        pages.add(text());

        browser.open(portal("/organizer/events/new"));
        waitFor("the draft form in English", driver -> driver.getTitle().startsWith("New event"));
        browser.press("Save the draft");
        assertThat(browser.visible(By.cssSelector(".error-summary")).getText()).contains("Write the title in Spanish.");
        Accessibility.assertNoViolations(browser, "a new event's form, with errors, in English");
        pages.add(text());

        for (String page : pages) {
            assertThat(spanish).as("Spanish texts on an English page:%n%s", page).noneMatch(page::contains);
        }
    }

    /**
     * Opens an organizer's page signed out: the portal sends the browser to the provider's sign-in page (in Spanish),
     * and back to the page once signed in as the test provider's organizer.
     */
    private void signInAt(String path) {
        browser.open(portal(path));
        signInAtTheProvider(ORGANIZER, "Nombre de usuario", "Contraseña", "Iniciar sesión");
        waitFor("the portal, signed in", driver -> driver.getCurrentUrl().startsWith(portal(""))
                && !driver.findElements(Browser.button("Cerrar sesión")).isEmpty());
    }

    /** Registers someone signed in with their own token, and answers the registration's id. */
    private static String register(String event, String name, String email, String expectedStatus) {
        String body = STACK.events().post("/api/v1/events/" + event + "/registrations", TestTokens.forPerson(email), """
                {"name": "%s", "email": "%s", "locale": "es-MX"}""".formatted(name, email)).body();
        assertThat(field(body, "status")).as(body).isEqualTo(expectedStatus);
        return field(body, "id");
    }

    /** Sets a field the browser draws as a date and time picker, as typing into it would. */
    private void setValue(String label, String value) {
        WebElement field = browser.visible(Browser.labelled(label));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                field, value);
    }

    /** The page fits the phone: nothing wider than its 390 px. */
    private void assertPhoneWide() {
        JavascriptExecutor script = (JavascriptExecutor) browser.driver();
        long viewport = ((Number) script.executeScript("return window.innerWidth;")).longValue();
        long content = ((Number) script.executeScript("return document.documentElement.scrollWidth;")).longValue();
        assertThat(viewport).as("the window is a phone's").isLessThanOrEqualTo(390);
        assertThat(content).as("nothing is wider than the phone").isLessThanOrEqualTo(viewport);
    }

    private HttpResponse<String> withSession(String path) throws Exception {
        String session = browser.driver().manage().getCookieNamed("PORTAL_SESSION").getValue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal(path)))
                        .header("Cookie", "PORTAL_SESSION=" + session).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * The emailed image is drawn, not photographed: read as a pure barcode. ZXing's general detector, meant for photos,
     * misses the finder patterns of about 1 in 100 perfectly drawn codes (measured on 2,000 check-in links).
     */
    private static final Map<DecodeHintType, Object> PURE_IMAGE = Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE);

    /** What a QR code reader (ZXing's) finds in the message's inline image. */
    private static String qrCode(MimeMessage message) throws Exception {
        MimeBodyPart image = (MimeBodyPart) part(message, "image/png");
        assertThat(image).as("an inline PNG").isNotNull();
        assertThat(image.getContentID()).isEqualTo("<registration-qr>");
        BufferedImage png;
        try (InputStream in = image.getInputStream()) {
            png = ImageIO.read(in);
        }
        int[] pixels = png.getRGB(0, 0, png.getWidth(), png.getHeight(), null, 0, png.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(png.getWidth(), png.getHeight(), pixels))), PURE_IMAGE).getText();
    }

    private static String plainText(MimeMessage message) throws Exception {
        Part text = part(message, "text/plain");
        assertThat(text).as("a text/plain part").isNotNull();
        return String.valueOf(text.getContent()).replaceAll("[\u00A0\u202F]", " ");
    }

    private static Part part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
