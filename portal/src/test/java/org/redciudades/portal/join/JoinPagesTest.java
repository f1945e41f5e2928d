package org.redciudades.portal.join;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application form over real HTTP, signed out, against a stand-in for membership-service that answers as the
 * test says: where the service's field errors land on the form, what a refusal says, what is sent, and the redirect
 * to the confirmation. (The real service, in the browser: JoinJourneyIT.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portal.services.events=http://127.0.0.1:1",
        "portal.services.notification=http://127.0.0.1:1"})
class JoinPagesTest {

    /** The stand-in's next answer: status and problem+json or JSON body. */
    record Answer(int status, String body) {
    }

    record Received(String idempotencyKey, String acceptLanguage, String body) {
    }

    static final HttpServer MEMBERSHIP = standIn();
    static volatile Answer answer;
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.redciudades.issuer-uri",
                () -> TestIdentityProvider.get().issuer());
        registry.add("portal.services.membership", () -> "http://127.0.0.1:" + MEMBERSHIP.getAddress().getPort());
    }

    @BeforeEach
    void forget() {
        RECEIVED.clear();
    }

    @AfterAll
    static void stop() {
        MEMBERSHIP.stop(0);
    }

    @Test
    void the_services_field_errors_land_on_the_rows_they_came_from_when_a_row_was_left_blank() {
        ApplicationForm form = new ApplicationForm(null, "es-MX", "America/Merida", List.of(
                new ApplicationForm.Contact("Lucía Pech", "lucia@implan.example.mx", null, "es-MX"),
                new ApplicationForm.Contact(null, null, null, "es-MX"),
                new ApplicationForm.Contact("Jorge Chan", "jorge@implan.example.mx", "Analista", "en")), null);

        Application application = Application.of(form);

        assertThat(application.request().contacts()).extracting(Application.ContactRequest::name, Application.ContactRequest::primary)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Lucía Pech", true),
                        org.assertj.core.groups.Tuple.tuple("Jorge Chan", false));
        assertThat(application.formField("contacts[1].email")).hasValue("contacts[2].email");
        assertThat(application.formField("contacts[0].name")).hasValue("contacts[0].name");
        assertThat(application.formField("institution.name")).hasValue("institution.name");
        assertThat(application.formField("timeZone")).hasValue("timeZone");
        assertThat(application.formField("contacts[2].email")).as("no third contact was sent").isEmpty();
        assertThat(application.formField("primaryContact")).as("not a field of the form").isEmpty();
        assertThat(application.formField("contacts")).isEmpty();
        assertThat(Application.label("contacts[2].email")).isEqualTo("join.contact.email");
        assertThat(Application.label("institution.city")).isEqualTo("join.institution.city");
    }

    @Test
    void every_time_zone_offered_is_one_the_form_accepts() {
        assertThat(JoinChoices.TIME_ZONES).hasSize(15)
                .allSatisfy(zone -> assertThat(zone.id()).matches(ApplicationForm.TIME_ZONES));
        assertThat(JoinChoices.KINDS).allSatisfy(kind -> assertThat(kind).matches(ApplicationForm.KINDS));
    }

    @Test
    void a_field_the_service_refuses_is_shown_next_to_that_field_and_in_the_summary_with_a_link_to_it()
            throws Exception {
        answer = new Answer(400, """
                {"type": "https://redciudades.org/problems/validation", "title": "Datos no válidos", "status": 400,
                 "errors": [{"field": "institution.name", "reason": "no debe contener solo signos"},
                            {"field": "contacts[1].email", "reason": "no es un correo aceptado"},
                            {"field": "primaryContact", "reason": "al menos un contacto debe ser el contacto principal"}]}
                """);

        HttpResponse<String> page = apply(withThirdRowOnly());

        assertThat(page.statusCode()).isEqualTo(400);
        String body = page.body();
        assertThat(body).contains("<div class=\"error-summary\" role=\"alert\"",
                "<a href=\"#institution.name\">Nombre de la institución: no debe contener solo signos</a>",
                "<a href=\"#contacts2.email\">Tercer contacto: Correo electrónico: no es un correo aceptado</a>",
                "La Red no aceptó la solicitud: al menos un contacto debe ser el contacto principal")
                .as("the third row's email field says why, and is described by it")
                .contains("id=\"contacts2.email-error\"", "aria-describedby=\"contacts2.email-hint contacts2.email-error\"")
                .as("what the person typed is still there")
                .contains("value=\"jorge@implan.example.mx\"", "value=\"IMPLAN M&eacute;rida\"")
                .doesNotContain("contacts1.email-error");
        assertThat(RECEIVED).singleElement().satisfies(received -> {
            assertThat(received.body()).contains("\"name\":\"Jorge Chan\"", "\"primary\":false")
                    .as("the blank second row is left out").doesNotContain("\"name\":null");
            assertThat(received.acceptLanguage()).isEqualTo("es-MX");
        });
    }

    @Test
    void a_duplicate_institution_is_refused_in_the_portals_words_and_pressing_again_is_a_new_request()
            throws Exception {
        answer = new Answer(409, """
                {"type": "https://redciudades.org/problems/duplicate-member", "title": "Institución ya registrada",
                 "status": 409, "detail": "Ya existe ... 6f1c2e8a-0000-4000-8000-000000000001.",
                 "existingMemberId": "6f1c2e8a-0000-4000-8000-000000000001"}
                """);

        HttpResponse<String> page = apply(withThirdRowOnly());

        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("Esta institución ya está en la Red o ya envió su solicitud",
                "Si tu institución ya envió su solicitud, espera la respuesta por correo")
                .doesNotContain("6f1c2e8a", "error-summary");
        String sentKey = RECEIVED.getFirst().idempotencyKey();
        assertThat(hidden(page.body(), "submission")).as("a refusal is kept under its key: the next try needs another")
                .isNotEqualTo(sentKey);
    }

    @Test
    void a_key_already_used_for_other_details_is_said_in_words_and_the_next_press_gets_a_new_one() throws Exception {
        answer = new Answer(422, """
                {"type": "https://redciudades.org/problems/idempotency-key-reused",
                 "title": "Clave de idempotencia reutilizada", "status": 422}
                """);

        HttpResponse<String> page = apply(withThirdRowOnly());

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("Ya habías enviado esta solicitud", "vuelve a pulsar «Enviar la solicitud»")
                .doesNotContain("idempotencia");
        assertThat(hidden(page.body(), "submission")).isNotEqualTo(RECEIVED.getFirst().idempotencyKey());
    }

    @Test
    void after_a_failure_the_form_is_kept_with_its_key_so_pressing_again_cannot_apply_twice() throws Exception {
        answer = new Answer(503, """
                {"type": "https://redciudades.org/problems/service-unavailable", "title": "Servicio no disponible",
                 "status": 503}
                """);

        HttpResponse<String> page = apply(withThirdRowOnly());

        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body()).contains("Algo falló de nuestro lado", "value=\"jorge@implan.example.mx\"");
        assertThat(hidden(page.body(), "submission")).isEqualTo(RECEIVED.getFirst().idempotencyKey());
    }

    @Test
    void a_submitted_application_redirects_to_what_happens_next() throws Exception {
        answer = new Answer(201, """
                {"id": "0b7e8a52-3c1d-4f7a-9d53-2f1c6a0e4b11", "status": "SUBMITTED",
                 "institution": {"name": "IMPLAN Mérida", "kind": "MUNICIPAL_PLANNING_INSTITUTE"},
                 "contacts": [{"name": "Lucía Pech", "email": "lucia@implan.example.mx"}]}
                """);

        HttpResponse<String> answered = apply(withThirdRowOnly());

        assertThat(answered.statusCode()).isEqualTo(302);
        assertThat(answered.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/join/submitted"));
        assertThat(RECEIVED.getFirst().idempotencyKey()).matches("[0-9a-f-]{36}");
        assertThat(RECEIVED.getFirst().body()).contains("\"website\":\"https://www.implan-merida.example.mx\"",
                "\"timeZone\":\"America/Merida\"", "\"kind\":\"MUNICIPAL_PLANNING_INSTITUTE\"");
    }

    @Test
    void the_forms_own_checks_need_no_service_and_name_the_row() throws Exception {
        Map<String, String> form = withThirdRowOnly();
        form.put("institution.name", "");
        form.put("contacts[1].title", "Director");   // something written: the row is checked
        form.put("contacts[2].email", "lucia@implan.example.mx");

        HttpResponse<String> page = apply(form);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("<a href=\"#institution.name\">Escribe el nombre de la institución.</a>",
                "<a href=\"#contacts1.name\">Segundo contacto: Escribe el nombre completo del contacto.</a>",
                "<a href=\"#contacts1.email\">Segundo contacto: Escribe el correo electrónico del contacto.</a>",
                "<a href=\"#contacts2.email\">Tercer contacto: Otro contacto de esta solicitud ya tiene este correo.</a>");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void the_form_is_in_english_for_an_english_reader() throws Exception {
        HttpResponse<String> page = get("/join", Map.of("Accept-Language", "en"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"en\">", "Apply for your institution to join the network",
                "Mérida (Mexico), UTC\u22126", "Panama, UTC\u22125", "Third contact (optional)", "id=\"contacts2.email\"", "<option value=\"en\" lang=\"en\" selected=\"selected\">English</option>");
    }

    /** The form, filled in with the second contact row left blank. */
    private static Map<String, String> withThirdRowOnly() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("institution.name", "IMPLAN Mérida");
        form.put("institution.kind", "MUNICIPAL_PLANNING_INSTITUTE");
        form.put("institution.country", "MX");
        form.put("institution.region", "Yucatán");
        form.put("institution.city", "Mérida");
        form.put("institution.website", "www.implan-merida.example.mx");
        form.put("locale", "es-MX");
        form.put("timeZone", "America/Merida");
        form.put("contacts[0].name", "Lucía Pech");
        form.put("contacts[0].email", "lucia@implan.example.mx");
        form.put("contacts[0].title", "");
        form.put("contacts[0].locale", "es-MX");
        form.put("contacts[1].name", "");
        form.put("contacts[1].email", "");
        form.put("contacts[1].title", "");
        form.put("contacts[1].locale", "es-MX");
        form.put("contacts[2].name", "Jorge Chan");
        form.put("contacts[2].email", "jorge@implan.example.mx");
        form.put("contacts[2].title", "Analista");
        form.put("contacts[2].locale", "en");
        return form;
    }

    /** Opens the form (a session and its CSRF token), then sends it as a browser would. */
    private HttpResponse<String> apply(Map<String, String> fields) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/join", Map.of());
        assertThat(form.statusCode()).isEqualTo(200);
        String session = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("PORTAL_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", hidden(form.body(), "_csrf"));
        all.put("submission", hidden(form.body(), "submission"));
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/join"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String hidden(String page, String name) {
        Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).as("the hidden %s in the form", name).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer standIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/applications", exchange -> {
                RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst("Accept-Language"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type",
                        answer.status() < 300 ? "application/json" : "application/problem+json");
                exchange.sendResponseHeaders(answer.status(), body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
