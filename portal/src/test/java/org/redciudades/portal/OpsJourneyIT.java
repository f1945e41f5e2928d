package org.redciudades.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.portal.testing.PortalStack.expect;
import static org.redciudades.portal.testing.PortalStack.field;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.Browser;
import org.redciudades.chassis.testing.KafkaTopics;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.portal.testing.Accessibility;
import org.redciudades.portal.testing.BrowserJourney;
import org.redciudades.portal.testing.PortalBrowserTest;
import org.redciudades.portal.testing.PortalStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ops in their pages, in a real browser against the {@link PortalStack}: the services' health, a message that did not
 * arrive and is sent again once the mail server takes it, and events a service could not apply (dead letters), one
 * replayed once its cause is fixed and one discarded with a reason. Each journey brings its own institution; an
 * organizer sees none of it.
 */
@PortalBrowserTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsJourneyIT extends BrowserJourney {

    static final String ROSA = "rosa.valenzuela@implan-hermosillo.example.mx";
    static final String PEDRO = "pedro.osuna@implan-culiacan.example.mx";
    static final String CULIACAN = "IMPLAN Culiacán";
    static final String WELCOME = "Bienvenida a la Red de Ciudades Inteligentes: ";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @Order(1)
    void the_health_page_shows_each_service_ready_and_an_organizer_gets_no_ops_page() throws Exception {
        TestTokens.withRole("ops");
        browser = Browser.start();
        signInFrom("/events", "test-ops");
        browser.driver().findElement(By.linkText("Operación")).click();
        waitFor("the health page", driver -> driver.getTitle().startsWith("Estado de los servicios"));
        for (String service : List.of("membership", "events", "notification")) {
            WebElement section = browser.driver().findElement(By.id("service-" + service));
            assertThat(section.findElement(By.cssSelector(".ops-state .tag")).getText()).as(service).isEqualTo("LISTO");
            assertThat(section.getText()).as(service).contains("Eventos por publicar (outbox)");
        }
        assertThat(browser.driver().findElement(By.id("service-events")).getText())
                .contains("Retraso de sus consumidores de Kafka", "error.membership.member.events-service");
        assertThat(browser.driver().findElement(By.linkText("Tableros de la Red (Grafana)")).getDomAttribute("href"))
                .isEqualTo(PortalStack.DASHBOARDS);
        assertThat(browser.driver().findElement(By.linkText("Alertas activas (Prometheus)")).getDomAttribute("href"))
                .isEqualTo(PortalStack.PROMETHEUS + "/alerts");
        Accessibility.assertNoViolations(browser, "the ops health page");

        List<String> spanish = spanishOnlyTexts();
        browser.driver().findElement(By.linkText("English")).click();
        waitFor("the health page in English", driver -> driver.getTitle().startsWith("Services' health"));
        assertThat(browser.driver().findElement(By.cssSelector("#service-notification .ops-state .tag")).getText())
                .isEqualTo("READY");
        String page = text();
        assertThat(spanish).as("Spanish texts on an English page:%n%s", page).noneMatch(page::contains);
        Accessibility.assertNoViolations(browser, "the ops health page, in English");
        browser.close();

        TestTokens.withRole("organizer");
        browser = Browser.start();
        signInFrom("/events", "test-organizer");
        assertThat(browser.driver().findElements(By.linkText("Operación"))).as("the header's ops link").isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Organización"))).isNotEmpty();
        for (String path : List.of("/ops", "/ops/deliveries?recipient=" + ROSA, "/ops/dead-letters?service=events")) {
            assertThat(withSession("GET", path).statusCode()).as(path).isEqualTo(403);
        }
        browser.open(portal("/ops"));
        assertThat(text()).doesNotContain("Estado de los servicios", "Eventos por publicar");
    }

    @Test
    @Order(2)
    void ops_find_a_failed_delivery_for_a_recipient_retry_it_after_the_mail_server_is_back_and_it_arrives_once() {
        String ops = TestTokens.withRole("ops");
        STACK.refuseMailTo(ROSA);   // her mailbox does not exist yet
        activeMember("IMPLAN Hermosillo", "Hermosillo", "America/Hermosillo", ROSA);
        String subject = WELCOME + "IMPLAN Hermosillo";
        await("the welcome to " + ROSA + " failed for good").atMost(Duration.ofSeconds(60)).until(() ->
                STACK.notification().get("/api/v1/deliveries?status=FAILED&recipient=" + encoded(ROSA), ops).body()
                        .contains("\"template\":\"welcome\""));

        browser = Browser.start();
        signInAsOps("/ops");
        browser.driver().findElement(By.linkText("Entregas de correo")).click();
        waitFor("the delivery log", driver -> driver.getTitle().startsWith("Entregas de correo"));
        Accessibility.assertNoViolations(browser, "the delivery log before a search");
        browser.fillIn("Correo de la persona", ROSA);
        browser.press("Buscar");
        waitFor("her emails", driver -> !driver.findElements(By.partialLinkText(subject)).isEmpty());
        WebElement welcome = browser.driver().findElement(By.partialLinkText(subject))
                .findElement(By.xpath("ancestor::li[1]"));
        assertThat(welcome.getText()).contains("NO SE ENTREGÓ", ROSA, "welcome", "un intento", "550 5.1.1");
        Accessibility.assertNoViolations(browser, "the delivery log of a recipient");

        welcome.findElement(By.partialLinkText(subject)).click();
        waitFor("the failed welcome", driver -> driver.getTitle().startsWith("Un correo de la bitácora"));
        assertThat(text()).contains("Nadie lo ha enviado de nuevo.",
                ROSA + " recibirá este correo una sola vez, tal como se escribió");
        browser.press("Enviar de nuevo");
        waitFor("the error summary", driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(browser.driver().findElement(By.cssSelector(".error-summary")).getText())
                .contains("Escribe por qué lo envías de nuevo.");
        Accessibility.assertNoViolations(browser, "a retry without a reason");

        STACK.acceptMailTo(ROSA);   // the mailbox exists now
        browser.fillIn("Por qué lo envías de nuevo", "El buzón ya existe (INC-2031)");
        browser.press("Enviar de nuevo");
        waitFor("the retry's outcome", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.driver().findElement(By.id("outcome")).getText()).contains("Volvió a la cola.");
        assertThat(text()).contains("test-ops lo envió de nuevo el", "Motivo: El buzón ya existe (INC-2031)",
                "Antes: un intento, con el error", "550 5.1.1");
        Accessibility.assertNoViolations(browser, "a delivery back in the queue");

        STACK.awaitMail(ROSA, subject);
        String page = browser.driver().getCurrentUrl();
        waitFor("the welcome sent", driver -> {
            driver.get(page);
            return driver.findElement(By.cssSelector(".facts .tag")).getText().equals("ENVIADO");
        });
        assertThat(browser.driver().findElements(Browser.button("Enviar de nuevo"))).as("no retry of a sent email").isEmpty();
        await("the welcome arrives once").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo(ROSA, subject) == 1);
    }

    @Test
    @Order(3)
    void ops_replay_a_dead_letter_once_its_cause_is_fixed_and_it_is_applied_once() throws Exception {
        // A fault in events-service's database (as a bad migration would leave): it refuses IMPLAN Culiacán's row
        sql(PortalStack.EVENTS, """
                create function ops_journey_refuse() returns trigger language plpgsql as $$
                begin
                  raise exception 'member_eligibility refuses %%', new.name using errcode = 'check_violation';
                end $$;
                create trigger ops_journey_refuse before insert or update on member_eligibility
                  for each row when (new.name = '%s') execute function ops_journey_refuse();
                """.formatted(CULIACAN));
        String member = activatedMember(CULIACAN, "Culiacán", "America/Mazatlan", PEDRO);
        STACK.awaitMail(PEDRO, WELCOME + CULIACAN);   // notification-service applied the activation
        String letter = await("events-service's dead letter of the activation").atMost(Duration.ofSeconds(90))
                .until(() -> pendingDeadLetter(PortalStack.EVENTS, detail -> member.equals(detail.path("key").asString())),
                        Objects::nonNull);
        String pedro = TestTokens.forPerson(PEDRO);
        assertThat(STACK.events().get("/api/v1/eligibility/me", pedro).body()).doesNotContain("\"eligible\":true");

        browser = Browser.start();
        signInAsOps("/ops");
        WebElement events = browser.driver().findElement(By.id("service-events"));
        assertThat(events.getText()).contains("error.membership.member.events-service");
        events.findElement(By.partialLinkText("Ver los mensajes no procesados de Eventos")).click();
        waitFor("events-service's dead letters", driver -> driver.getTitle().startsWith("Mensajes no procesados"));
        assertThat(browser.driver().findElement(By.cssSelector("h2.result-count")).getText()).startsWith("Eventos: ");
        Accessibility.assertNoViolations(browser, "a service's pending dead letters");

        browser.driver().findElement(By.cssSelector("#letter-" + letter + " a")).click();
        waitFor("the dead letter", driver -> driver.getTitle().startsWith("Mensaje no procesado"));
        assertThat(text()).contains("Mensaje no procesado por Eventos", "PENDIENTE",
                "org.redciudades.membership.member.activated.v1", "Tema membership.member, partición",
                member, "ce_id", "traceparent", "\"name\" : \"" + CULIACAN + "\"",
                "member_eligibility refuses " + CULIACAN, "Nada todavía.",
                "servicios que ya lo habían aplicado lo reconocen y lo ignoran");
        Accessibility.assertNoViolations(browser, "a pending dead letter");

        sql(PortalStack.EVENTS, "drop trigger ops_journey_refuse on member_eligibility");   // the cause is fixed
        browser.press("Publicar de nuevo");
        waitFor("the replay's outcome", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.driver().findElement(By.id("outcome")).getText()).contains("Lo publicaste de nuevo.");
        assertThat(text()).contains("PUBLICADO DE NUEVO", "Publicado de nuevo por test-ops el")
                .doesNotContain("Descartar sin aplicarlo");
        Accessibility.assertNoViolations(browser, "a replayed dead letter");

        await("events-service applied the replayed activation").atMost(Duration.ofSeconds(60))
                .until(() -> STACK.events().get("/api/v1/eligibility/me", pedro).body().contains("\"eligible\":true"));
        await("notification-service dropped it as a duplicate: one welcome").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10)).until(() -> mailsTo(PEDRO, WELCOME + CULIACAN) == 1);
        assertThat(pendingDeadLetter(PortalStack.EVENTS, detail -> member.equals(detail.path("key").asString())))
                .as("no new dead letter of the activation").isNull();
    }

    @Test
    @Order(4)
    void ops_discard_with_a_reason_a_dead_letter_that_can_never_apply() {
        String member = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        // A producer ahead of its consumers: a version of a fact that no service knows
        KafkaTopics.write(RealInfrastructure.kafkaBrokers(), KafkaTopics.cloudEvent("membership.member", member, eventId,
                "org.redciudades.membership.member.activated.v9", "{\"memberId\": \"" + member + "\"}"));
        String letter = await("notification-service's dead letter of the unknown version").atMost(Duration.ofSeconds(60))
                .until(() -> pendingDeadLetter(PortalStack.NOTIFICATION,
                        detail -> eventId.equals(detail.path("eventId").asString())), Objects::nonNull);

        browser = Browser.start();
        signInAsOps("/ops/dead-letters");
        browser.driver().findElement(By.linkText("Notificaciones")).click();
        waitFor("notification-service's dead letters", driver -> driver.findElement(By.cssSelector("h2.result-count"))
                .getText().startsWith("Notificaciones: "));
        assertThat(browser.driver().findElement(By.id("letter-" + letter)).getText())
                .contains("org.redciudades.membership.member.activated.v9", eventId, "Unknown version");
        browser.driver().findElement(By.cssSelector("#letter-" + letter + " a")).click();
        waitFor("the dead letter", driver -> driver.getTitle().startsWith("Mensaje no procesado"));
        assertThat(text()).contains("Notificaciones no lo aplicará nunca");

        browser.press("Descartar sin aplicarlo");
        waitFor("the error summary", driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(browser.driver().findElement(By.cssSelector(".error-summary")).getText())
                .contains("Escribe por qué lo descartas.");
        Accessibility.assertNoViolations(browser, "a discard without a reason");

        browser.fillIn("Por qué lo descartas", "Versión v9 publicada por una prueba; ningún productor la emite");
        browser.press("Descartar sin aplicarlo");
        waitFor("the discard's outcome", driver -> !driver.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.driver().findElement(By.id("outcome")).getText()).contains("Lo descartaste.");
        assertThat(text()).contains("DESCARTADO", "Descartado por test-ops el",
                "Motivo: Versión v9 publicada por una prueba; ningún productor la emite")
                .doesNotContain("Publicar de nuevo");
        Accessibility.assertNoViolations(browser, "a discarded dead letter");

        browser.driver().findElement(By.partialLinkText("Mensajes no procesados de Notificaciones")).click();
        waitFor("the pending ones", driver -> driver.getTitle().startsWith("Mensajes no procesados"));
        assertThat(browser.driver().findElements(By.id("letter-" + letter))).as("no longer pending").isEmpty();
    }

    /** Signs in as the ops person from the public catalogue (the ops pages send a stranger to the provider straight). */
    private void signInAsOps(String path) {
        signInFrom("/events", "test-ops");
        browser.open(portal(path));
    }

    /** Applies, approves and records the agreement of an institution with one contact, without waiting for anyone. */
    private static String activatedMember(String institution, String city, String timeZone, String contact) {
        String organizer = TestTokens.withRole("organizer");
        String member = field(expect(201, STACK.membership().post("/api/v1/applications", null, """
                {"institution": {"name": "%s", "kind": "MUNICIPAL_PLANNING_INSTITUTE", "country": "MX",
                                 "region": "Sinaloa", "city": "%s"},
                 "locale": "es-MX", "timeZone": "%s",
                 "contacts": [{"name": "Pedro Osuna", "email": "%s", "locale": "es-MX", "primary": true}]}
                """.formatted(institution, city, timeZone, contact))), "id");
        expect(200, STACK.membership().post("/api/v1/members/" + member + "/approval", organizer, ""));
        expect(200, STACK.membership().post("/api/v1/members/" + member + "/agreement", organizer, """
                {"signedOn": "2026-11-20", "termStart": "2026-12-01", "termEnd": "2028-11-30",
                 "documentReference": "RCI-CONV-%s", "memberSignatory": "Dirección", "networkSignatory": "Coordinación"}
                """.formatted(member.substring(0, 8))));
        return member;
    }

    /** The id of a pending dead letter of {@code service} whose whole record matches, or null. */
    private static String pendingDeadLetter(String service, Predicate<JsonNode> matches) {
        String ops = TestTokens.withRole("ops");
        ApiClient api = switch (service) {
            case PortalStack.EVENTS -> STACK.events();
            case PortalStack.NOTIFICATION -> STACK.notification();
            default -> STACK.membership();
        };
        JsonNode page = JSON.readTree(expect(200, api.get("/api/v1/ops/dead-letters?status=PENDING&size=100", ops)));
        for (JsonNode item : page.path("items")) {
            String id = item.path("id").asString();
            if (matches.test(JSON.readTree(expect(200, api.get("/api/v1/ops/dead-letters/" + id, ops))))) {
                return id;
            }
        }
        return null;
    }

    private static long mailsTo(String recipient, String subject) {
        return STACK.mailTo(recipient).stream().filter(message -> PortalStack.subject(message).equals(subject)).count();
    }

    private static void sql(String service, String statements) throws SQLException {
        try (Connection db = DriverManager.getConnection(STACK.jdbcUrl(service), "postgres", "postgres");
             Statement sql = db.createStatement()) {
            sql.execute(statements);
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A portal address fetched outside the browser, with the browser's session cookie: its status. */
    private HttpResponse<String> withSession(String method, String path) throws Exception {
        String session = browser.driver().manage().getCookieNamed("PORTAL_SESSION").getValue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal(path)))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Cookie", "PORTAL_SESSION=" + session).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
