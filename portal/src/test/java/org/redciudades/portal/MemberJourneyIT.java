package org.redciudades.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.portal.testing.PortalStack.expect;
import static org.redciudades.portal.testing.PortalStack.field;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
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
 * A member institution's staff in their own pages, in a real browser against the {@link PortalStack}: my
 * registrations (with the calendar file and cancelling), the inbox and its count in the header, email preferences,
 * and the unsubscribe page an email's link opens. IMPLAN Mérida is an active member with two contacts; an organizer
 * has announced a hybrid bootcamp in Panama City with three seats, and a course whose cancellation deadline has
 * passed. The journeys run in order, as the seats they take do.
 */
@PortalBrowserTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberJourneyIT extends BrowserJourney {

    static final String LUCIA = "lucia.mendez@implan-merida.example.mx";
    static final String TOMAS = "tomas.ek@implan-merida.example.mx";
    static final String BOOTCAMP_ES = "Bootcamp de ciudades caminables";
    static final String BOOTCAMP_EN = "Walkable cities bootcamp";
    static final String COURSE_ES = "Curso de presupuesto participativo";
    static final Instant BOOTCAMP_STARTS = Instant.parse("2027-05-12T14:00:00Z");
    static String bootcamp;
    static String course;

    @BeforeAll
    static void anActiveMemberWithTwoContactsAndTwoAnnouncedEvents() {
        activeMember("IMPLAN Mérida", "Mérida", "America/Merida", LUCIA, TOMAS);
        // Announcements go to the contacts notification-service knows: it has them once their welcome is sent
        STACK.awaitMail(LUCIA, "Bienvenida a la Red");
        STACK.awaitMail(TOMAS, "Bienvenida a la Red");
        bootcamp = announce("""
                {"type": "BOOTCAMP", "titleEs": "%s", "titleEn": "%s",
                 "descriptionEs": "Banquetas, cruces seguros y calles para las personas.",
                 "descriptionEn": "Sidewalks, safe crossings and streets for people.",
                 "modality": "HYBRID", "venue": {"city": "Ciudad de Panamá", "country": "PA", "address": "Av. Balboa 10"},
                 "onlineLink": "https://meet.example.org/caminables",
                 "startsAt": "2027-05-12T09:00:00-05:00", "endsAt": "2027-05-12T13:00:00-05:00",
                 "timeZone": "America/Panama", "capacity": 3, "waitlistEnabled": true, "audience": "PUBLIC",
                 "requiresApproval": false}
                """.formatted(BOOTCAMP_ES, BOOTCAMP_EN));
        course = announce("""
                {"type": "COURSE", "titleEs": "%s", "titleEn": "Participatory budgeting course",
                 "modality": "VIRTUAL", "onlineLink": "https://meet.example.org/presupuesto",
                 "startsAt": "2027-06-02T10:00:00-06:00", "endsAt": "2027-06-02T12:00:00-06:00",
                 "timeZone": "America/Mexico_City", "capacity": 30, "waitlistEnabled": false, "audience": "PUBLIC",
                 "requiresApproval": false, "cancellationDeadline": "2026-01-01T00:00:00Z"}
                """.formatted(COURSE_ES));
    }

    @Test
    @Order(1)
    void a_staff_person_registers_for_a_bootcamp_finds_it_in_the_inbox_and_her_calendar_and_cancels_it() throws Exception {
        List<String> pages = new ArrayList<>();
        browser = Browser.start();
        signInFrom("/events", LUCIA);
        assertThat(inboxLink()).as("the unread count in the header, in words").matches("Bandeja \\(\\d+ sin leer\\)");

        new Select(browser.visible(Browser.labelled("Tipo de evento"))).selectByVisibleText("Bootcamp");
        new Select(browser.visible(Browser.labelled("País"))).selectByVisibleText("Panamá");
        // The unfiltered results list the bootcamp too: wait for the ones htmx puts in their place
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('results').setAttribute('data-before-filtering', '');");
        browser.press("Mostrar eventos");
        waitFor("the bootcamp in the filtered catalogue", driver ->
                driver.findElements(By.cssSelector("#results[data-before-filtering]")).isEmpty()
                        && !driver.findElements(By.linkText(BOOTCAMP_ES)).isEmpty());
        browser.driver().findElement(By.linkText(BOOTCAMP_ES)).click();
        waitFor("the bootcamp's page", driver -> driver.getTitle().startsWith(BOOTCAMP_ES));
        assertThat(text()).contains("Quedan 3 lugares");
        browser.press("Inscribirme");
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Tu lugar está confirmado.");
        assertThat(text()).contains("Quedan 2 lugares");

        MimeMessage confirmation = STACK.awaitMail(LUCIA, "Inscripción confirmada: " + BOOTCAMP_ES);
        VEvent invitation = event(calendarOf(confirmation));

        browser.driver().findElement(By.id("inbox-link")).click();
        waitFor("the inbox", driver -> driver.getTitle().startsWith("Bandeja"));
        WebElement item = inboxItem("Inscripción confirmada: " + BOOTCAMP_ES);
        assertThat(item.getText()).startsWith("SIN LEER").contains("Recibido el");
        int unreadBefore = unreadInHeader();
        assertThat(unreadBefore).isPositive();
        assertThat(browser.driver().findElement(By.id("inbox-count")).getText()).endsWith(", " + unreadBefore + " sin leer");
        Accessibility.assertNoViolations(browser, "the inbox");
        pages.add(text());

        ((JavascriptExecutor) browser.driver()).executeScript("window.beforeMarking = true;");
        item.findElement(Browser.button("Marcar como leído: Inscripción confirmada: " + BOOTCAMP_ES)).click();
        waitFor("the confirmation read and the header's count one less", driver ->
                !inboxItem("Inscripción confirmada: " + BOOTCAMP_ES).getText().startsWith("SIN LEER")
                        && unreadInHeader() == unreadBefore - 1);
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.beforeMarking === true;"))
                .as("htmx marked it read in the same page").isEqualTo(true);
        assertThat(browser.driver().switchTo().activeElement().getText()).as("the focus stays on the message")
                .isEqualTo("Inscripción confirmada: " + BOOTCAMP_ES);
        Accessibility.assertNoViolations(browser, "the inbox with a message marked read");
        pages.add(text());

        browser.driver().findElement(By.linkText("Inscripción confirmada: " + BOOTCAMP_ES)).click();
        waitFor("the message", driver -> driver.getTitle().startsWith("Inscripción confirmada"));
        assertThat(text()).contains("Enlace para conectarse: https://meet.example.org/caminables", "Recibido el");
        Accessibility.assertNoViolations(browser, "an inbox message");
        pages.add(text());

        browser.driver().findElement(By.linkText("Mis inscripciones")).click();
        waitFor("my registrations", driver -> driver.getTitle().startsWith("Mis inscripciones"));
        WebElement mine = registration(BOOTCAMP_ES);
        assertThat(spaced(mine.getText())).contains("Bootcamp · Híbrido (presencial y en línea)",
                "12 may 2027, de 9:00 a.m. a 1:00 p.m.", "hora de Panamá, UTC\u22125",
                "En tu zona horaria:", "de 8:00 a.m. a 12:00 p.m.", "hora de Ciudad de México, UTC\u22126",
                "Ciudad de Panamá, Panamá", "Tu inscripción: Lugar confirmado",
                "Enlace para conectarte: https://meet.example.org/caminables");
        assertThat(text()).contains("Próximos eventos (1)", "Eventos pasados (0)");
        Accessibility.assertNoViolations(browser, "my registrations");
        pages.add(text());

        String href = mine.findElement(By.partialLinkText("Agregar a mi calendario (.ics)")).getDomAttribute("href");
        HttpResponse<String> download = withSession("GET", href);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.toLowerCase().replace(" ", "")).isEqualTo("text/calendar;charset=utf-8"));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment;").contains("bootcamp-de-ciudades-caminables.ics"));
        VEvent entry = event(new CalendarBuilder().build(new StringReader(download.body())));
        assertThat(value(entry, Property.UID)).as("the emailed invitation's UID, so a calendar updates its one entry")
                .isEqualTo(value(invitation, Property.UID));
        assertThat(value(entry, Property.SEQUENCE)).isEqualTo(value(invitation, Property.SEQUENCE));
        assertThat(ZonedDateTime.from(entry.getStartDate().orElseThrow().getDate()).toInstant()).isEqualTo(BOOTCAMP_STARTS);
        assertThat(ZonedDateTime.from(entry.getEndDate().orElseThrow().getDate()).toInstant())
                .isEqualTo(BOOTCAMP_STARTS.plusSeconds(4 * 3600));
        assertThat(entry.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("America/Panama");
        assertThat(value(entry, Property.LOCATION)).isEqualTo("Av. Balboa 10, Ciudad de Panamá, Panamá");

        mine.findElement(By.partialLinkText("Cancelar mi inscripción")).click();
        waitFor("the question before cancelling", driver -> driver.getTitle().startsWith("Cancelar tu inscripción"));
        assertThat(text()).contains("¿Cancelar tu inscripción?", BOOTCAMP_ES, "Lugar confirmado",
                "Puedes cancelar por tu cuenta hasta que empiece el evento.");
        Accessibility.assertNoViolations(browser, "the question before cancelling");
        pages.add(text());
        browser.press("Sí, cancelar mi inscripción");
        waitFor("my registrations, cancelled", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Cancelaste tu inscripción a «" + BOOTCAMP_ES + "».");
        assertThat(registration(BOOTCAMP_ES).getText()).contains("Tu inscripción: Cancelada")
                .doesNotContain("Agregar a mi calendario", "Cancelar mi inscripción", "meet.example.org");
        Accessibility.assertNoViolations(browser, "my registrations after cancelling");
        pages.add(text());
        STACK.awaitMail(LUCIA, "Inscripción cancelada: " + BOOTCAMP_ES);

        browser.open(portal("/events/" + bootcamp));
        waitFor("the bootcamp's page", driver -> driver.getTitle().startsWith(BOOTCAMP_ES));
        assertThat(text()).as("the seat is free again").contains("Quedan 3 lugares");

        browser.open(portal("/registrations?when=past"));
        waitFor("the past tab", driver -> driver.getTitle().startsWith("Mis inscripciones"));
        assertThat(text()).contains("Eventos pasados (0)", "Aún no tienes inscripciones a eventos que ya terminaron.",
                "Ver el catálogo de eventos");
        Accessibility.assertNoViolations(browser, "my registrations, none past");
        pages.add(text());

        List<String> english = englishOnlyTexts();
        for (String page : pages) {
            assertThat(english).as("English texts on a Spanish page:%n%s", page).noneMatch(page::contains);
        }
    }

    @Test
    @Order(2)
    void after_the_cancellation_deadline_the_page_offers_no_cancelling_and_the_service_refusal_is_shown_in_words() {
        String registration = field(expect(201, STACK.events().post("/api/v1/events/" + course + "/registrations",
                TestTokens.forPerson(LUCIA), """
                        {"name": "Lucía Méndez", "email": "%s", "locale": "es-MX"}
                        """.formatted(LUCIA))), "id");
        browser = Browser.start();
        signInFrom("/events", LUCIA);
        browser.open(portal("/registrations"));
        waitFor("my registrations", driver -> driver.getTitle().startsWith("Mis inscripciones"));
        WebElement mine = registration(COURSE_ES);
        assertThat(mine.getText()).contains("Tu inscripción: Lugar confirmado",
                "Ya pasó el plazo para cancelar por tu cuenta").doesNotContain("Cancelar mi inscripción");

        browser.open(portal("/registrations/" + registration + "/cancellation"));
        waitFor("the question before cancelling", driver -> driver.getTitle().startsWith("Cancelar tu inscripción"));
        assertThat(text()).contains("Puedes cancelar por tu cuenta hasta el miércoles, 31 de diciembre de 2025, 6:00 p.m.",
                "hora de Ciudad de México, UTC\u22126");
        browser.press("Sí, cancelar mi inscripción");
        WebElement problem = browser.visible(By.cssSelector(".problem"));
        assertThat(problem.getText()).contains("Ya pasó el plazo para cancelar",
                "Si no puedes asistir, avisa a los organizadores.").doesNotContain("409", "{", registration);
        Accessibility.assertNoViolations(browser, "a refused cancellation");
    }

    @Test
    @Order(3)
    void the_unsubscribe_link_of_an_announcement_asks_before_it_unsubscribes_and_the_preferences_then_show_it_off() {
        MimeMessage announcement = STACK.awaitMail(LUCIA, "Nuevo evento de la Red: " + BOOTCAMP_ES);
        String link = PortalStack.link(announcement, portal("/unsubscribe?"));
        browser = Browser.start();

        browser.open(link);
        waitFor("the unsubscribe page", driver -> driver.getTitle().startsWith("Darte de baja"));
        assertThat(text()).contains("Dejar de recibir anuncios de eventos", LUCIA, "Esta dirección los recibe.",
                "Los mensajes sobre tus inscripciones y sobre la membresía de tu institución se siguen enviando.");
        Accessibility.assertNoViolations(browser, "the unsubscribe page");
        assertThat(STACK.notification().get("/api/v1/preferences", TestTokens.forPerson(LUCIA)).body())
                .as("opening the link changed nothing").contains("\"announcements\":true");

        browser.press("Dejar de recibir anuncios de eventos");
        assertThat(browser.visible(By.id("outcome")).getText())
                .isEqualTo("Listo: ya no enviaremos anuncios de eventos a " + LUCIA + ".");
        assertThat(text()).contains("Esta dirección ya no los recibe.");
        assertThat(browser.driver().findElements(Browser.button("Dejar de recibir anuncios de eventos"))).isEmpty();
        Accessibility.assertNoViolations(browser, "the unsubscribe page, confirmed");

        browser.open(link.replace("signature=", "signature=x"));
        waitFor("the page of a forged link", driver -> driver.getTitle().startsWith("Este enlace para darte de baja no es válido"));
        assertThat(text()).contains("Le falta una parte o fue modificado.").doesNotContain(LUCIA);
        Accessibility.assertNoViolations(browser, "a forged unsubscribe link");

        signInFrom("/events", LUCIA);
        browser.open(portal("/preferences"));
        waitFor("my preferences", driver -> driver.getTitle().startsWith("Preferencias de correo"));
        assertThat(browser.visible(Browser.labelled("Anuncios de eventos nuevos")).isSelected()).as("off, by the link")
                .isFalse();
        assertThat(browser.visible(Browser.labelled("Recordatorios de mis eventos")).isSelected()).isTrue();
        assertThat(text()).contains(LUCIA, "siempre se envían");
        Accessibility.assertNoViolations(browser, "my email preferences");

        browser.visible(Browser.labelled("Anuncios de eventos nuevos")).click();
        browser.visible(Browser.labelled("Recordatorios de mis eventos")).click();
        browser.press("Guardar preferencias");
        assertThat(browser.visible(By.id("outcome")).getText()).isEqualTo("Guardamos tus preferencias.");
        Accessibility.assertNoViolations(browser, "my email preferences, saved");

        browser.open(portal("/preferences"));
        waitFor("my preferences again", driver -> driver.getTitle().startsWith("Preferencias de correo"));
        assertThat(browser.visible(Browser.labelled("Anuncios de eventos nuevos")).isSelected()).isTrue();
        assertThat(browser.visible(Browser.labelled("Recordatorios de mis eventos")).isSelected()).isFalse();
        assertThat(STACK.notification().get("/api/v1/preferences", TestTokens.forPerson(LUCIA)).body())
                .contains("\"announcements\":true", "\"reminders\":false");
    }

    @Test
    @Order(4)
    void the_same_journey_in_english_shows_no_spanish_text_of_the_portal() throws Exception {
        List<String> spanish = spanishOnlyTexts();
        List<String> pages = new ArrayList<>();
        browser = Browser.start("en");
        browser.open(portal("/events?type=BOOTCAMP&country=PA"));
        browser.driver().findElement(By.linkText("Sign in")).click();
        signInAtTheProvider(TOMAS, "Username", "Password", "Sign in");
        waitFor("the catalogue, signed in, in English", driver -> !driver.findElements(Browser.button("Sign out")).isEmpty()
                && !driver.findElements(By.linkText(BOOTCAMP_EN)).isEmpty());
        assertThat(inboxLink()).matches("Inbox \\(\\d+ unread\\)");
        pages.add(text());

        browser.driver().findElement(By.linkText(BOOTCAMP_EN)).click();
        waitFor("the bootcamp's page", driver -> driver.getTitle().startsWith(BOOTCAMP_EN));
        browser.press("Register");
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Your place is confirmed.");
        pages.add(text());

        STACK.awaitMail(TOMAS, BOOTCAMP_EN);
        browser.driver().findElement(By.linkText("My registrations")).click();
        waitFor("my registrations", driver -> driver.getTitle().startsWith("My registrations"));
        assertThat(spaced(registration(BOOTCAMP_EN).getText())).contains("Your registration: Seat confirmed",
                "May 12, 2027, 9:00 AM to 1:00 PM", "Panama time, UTC\u22125", "Link to join:",
                "Add to my calendar (.ics)", "Cancel my registration");
        assertThat(text()).contains("Upcoming events (1)", "Past events (0)");
        pages.add(text());

        registration(BOOTCAMP_EN).findElement(By.partialLinkText("Cancel my registration")).click();
        waitFor("the question before cancelling", driver -> driver.getTitle().startsWith("Cancel your registration"));
        pages.add(text());
        browser.press("Yes, cancel my registration");
        waitFor("my registrations, cancelled", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(registration(BOOTCAMP_EN).getText()).contains("Your registration: Cancelled");
        pages.add(text());

        browser.open(portal("/registrations?when=past"));
        waitFor("the past tab", driver -> driver.getTitle().startsWith("My registrations"));
        pages.add(text());

        browser.driver().findElement(By.id("inbox-link")).click();
        waitFor("the inbox", driver -> driver.getTitle().startsWith("Inbox"));
        assertThat(text()).contains("unread", "UNREAD", "Received");
        String firstMessage = browser.driver().findElements(By.cssSelector(".inbox-subject a")).getFirst()
                .getDomAttribute("href");
        // The messages themselves are in the language each was sent in (the institution's contacts get Spanish)
        pages.add(withoutContent(".inbox-subject a", ".snippet", ".inbox-item button .visually-hidden"));
        browser.open(portal(firstMessage));
        waitFor("a message", driver -> !driver.findElements(By.cssSelector(".message-text")).isEmpty());
        pages.add(withoutContent("h1", ".message-text"));

        browser.driver().findElement(By.linkText("Preferences")).click();
        waitFor("my preferences", driver -> driver.getTitle().startsWith("Email preferences"));
        pages.add(text());
        browser.press("Save preferences");
        assertThat(browser.visible(By.id("outcome")).getText()).isEqualTo("Your preferences are saved.");
        pages.add(text());

        String link = PortalStack.link(STACK.awaitMail(TOMAS, "Nuevo evento de la Red: " + BOOTCAMP_ES),
                portal("/unsubscribe?"));
        browser.open(link);
        waitFor("the unsubscribe page", driver -> driver.getTitle().startsWith("Unsubscribe"));
        assertThat(text()).contains("Stop getting event announcements", TOMAS);
        pages.add(text());
        browser.open(link.replace("signature=", "signature=x"));
        waitFor("the page of a forged link", driver -> driver.getTitle().startsWith("This unsubscribe link is not valid"));
        pages.add(text());

        for (String page : pages) {
            assertThat(spanish).as("Spanish texts on an English page:%n%s", page).noneMatch(page::contains);
        }
    }

    private String inboxLink() {
        return browser.driver().findElement(By.id("inbox-link")).getText();
    }

    private int unreadInHeader() {
        Matcher count = Pattern.compile("\\((\\d+) ").matcher(inboxLink());
        return count.find() ? Integer.parseInt(count.group(1)) : 0;
    }

    /** The inbox's item whose subject is {@code subject}. */
    private WebElement inboxItem(String subject) {
        return browser.visible(By.xpath("//li[contains(@class, 'inbox-item')][.//a[normalize-space(.)='" + subject + "']]"));
    }

    /** The registration in "My registrations" for the event titled {@code title}. */
    private WebElement registration(String title) {
        return browser.visible(By.xpath("//li[contains(@class, 'registration')][.//h3[normalize-space(.)='" + title + "']]"));
    }

    /** The page's text once the elements {@code css} (the messages' own words) are taken out of it. */
    private String withoutContent(String... css) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelectorAll(arguments[0]).forEach(element => element.remove());", String.join(",", css));
        return text();
    }

    /** A portal address fetched outside the browser, with the browser's session cookie. */
    private HttpResponse<String> withSession(String method, String path) throws IOException, InterruptedException {
        String session = browser.driver().manage().getCookieNamed("PORTAL_SESSION").getValue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal(path)))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Cookie", "PORTAL_SESSION=" + session).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The invitation attached to an email (text/calendar). */
    private static Calendar calendarOf(MimeMessage message) throws Exception {
        Part part = calendarPart(message);
        assertThat(part).as("a text/calendar part").isNotNull();
        try (InputStream in = part.getInputStream()) {
            return new CalendarBuilder().build(in);
        }
    }

    private static Part calendarPart(Part part) throws Exception {
        if (part.isMimeType("text/calendar")) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = calendarPart(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static VEvent event(Calendar calendar) {
        return calendar.<VEvent>getComponent("VEVENT").orElseThrow();
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow().getValue();
    }

    private static String spaced(String text) {
        return text.replaceAll("[\u00A0\u202F]", " ");
    }
}
