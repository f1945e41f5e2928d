package org.redciudades.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo roster against a small fake of membership-service's API that records every request. */
class DemoRosterTest {

    private static final String TOKEN = "organizer-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeMembership membership;

    @BeforeEach
    void start() throws IOException {
        membership = new FakeMembership();
    }

    @AfterEach
    void stop() {
        membership.close();
    }

    @Test
    void each_institution_applies_and_is_taken_through_its_steps_in_order() throws Exception {
        var loaded = load();

        assertThat(loaded).extracting(DemoRoster.Loaded::status).containsExactly(
                "ACTIVE", "UNDER_REVIEW", "APPROVED", "ACTIVE", "SUBMITTED", "SUSPENDED", "REJECTED");
        assertThat(loaded).noneMatch(DemoRoster.Loaded::alreadyThere);
        assertThat(callsFor(loaded.get(0))).containsExactly("GET search", "POST /api/v1/applications",
                "POST approval", "POST agreement");
        assertThat(callsFor(loaded.get(1))).containsExactly("GET search", "POST /api/v1/applications",
                "POST review");
        assertThat(callsFor(loaded.get(2))).containsExactly("GET search", "POST /api/v1/applications",
                "POST approval");
        assertThat(callsFor(loaded.get(3))).containsExactly("GET search", "POST /api/v1/applications",
                "POST approval", "POST agreement");
        assertThat(callsFor(loaded.get(4))).containsExactly("GET search", "POST /api/v1/applications");
        assertThat(callsFor(loaded.get(5))).containsExactly("GET search", "POST /api/v1/applications",
                "POST approval", "POST agreement", "POST suspension");
        assertThat(callsFor(loaded.get(6))).containsExactly("GET search", "POST /api/v1/applications",
                "POST rejection");
        assertThat(membership.members).hasSize(7);
    }

    @Test
    void the_organizer_calls_carry_the_bearer_token_and_the_application_does_not() throws Exception {
        load();

        for (var request : membership.requests) {
            if (request.path().equals("/api/v1/applications")) {
                assertThat(request.authorization()).as(request.toString()).isNull();
            } else {
                assertThat(request.authorization()).as(request.toString()).isEqualTo("Bearer " + TOKEN);
            }
        }
        assertThat(membership.requests).filteredOn(request -> request.path().equals("/api/v1/applications"))
                .hasSize(7);
    }

    @Test
    void the_bodies_are_what_the_api_expects() throws Exception {
        load();

        var torreon = membership.requests.stream().filter(request -> request.path().equals("/api/v1/applications"))
                .findFirst().orElseThrow().json();
        assertThat(torreon.at("/institution/name").asText())
                .isEqualTo("Instituto Municipal de Planeación y Competitividad de Torreón (demo)");
        assertThat(torreon.at("/institution/kind").asText()).isEqualTo("MUNICIPAL_PLANNING_INSTITUTE");
        assertThat(torreon.at("/institution/country").asText()).isEqualTo("MX");
        assertThat(torreon.at("/institution/region").asText()).isEqualTo("Coahuila");
        assertThat(torreon.at("/institution/city").asText()).isEqualTo("Torreón");
        assertThat(torreon.at("/institution").has("website")).isFalse();
        assertThat(torreon.at("/locale").asText()).isEqualTo("es-MX");
        assertThat(torreon.at("/timeZone").asText()).isEqualTo("America/Monterrey");
        assertThat(torreon.at("/contacts/0/name").asText()).isEqualTo("Rosa Elena Ibarra Saucedo");
        assertThat(torreon.at("/contacts/0/title").asText()).isEqualTo("Coordinadora de Vinculación");
        assertThat(torreon.at("/contacts/0/primary").asBoolean()).isTrue();

        var agreement = membership.requests.stream().filter(request -> request.path().endsWith("/agreement"))
                .findFirst().orElseThrow().json();
        assertThat(agreement.get("signedOn").asText()).isEqualTo("2026-11-20");
        assertThat(agreement.get("termStart").asText()).isEqualTo("2026-12-01");
        assertThat(agreement.get("termEnd").asText()).isEqualTo("2028-11-30");

        var suspension = membership.requests.stream().filter(request -> request.path().endsWith("/suspension"))
                .findFirst().orElseThrow().json();
        assertThat(suspension.get("reason").asText()).isEqualTo("Demo: informe anual pendiente");
        var rejection = membership.requests.stream().filter(request -> request.path().endsWith("/rejection"))
                .findFirst().orElseThrow().json();
        assertThat(rejection.get("reason").asText()).isEqualTo("Demo: fuera del ámbito municipal");
        assertThat(membership.requests).filteredOn(request -> request.path().endsWith("/approval")
                || request.path().endsWith("/review")).allMatch(request -> request.body().isEmpty());
    }

    @Test
    void cartago_agreement_ends_within_the_default_expiry_window_and_the_others_do_not() {
        var termEnds = new LinkedHashMap<String, LocalDate>();
        for (var institution : DemoRoster.ROSTER) {
            for (var step : institution.steps()) {
                if (step.action().equals("agreement")) {
                    termEnds.put(institution.name(), LocalDate.parse(json(step.body()).get("termEnd").asText()));
                }
            }
        }

        assertThat(termEnds).containsEntry("Municipalidad de Cartago (demo)", LocalDate.of(2027, 1, 15));
        // From the day the roster was written: the expiry job marks a member EXPIRING 60 days before the term ends.
        var windowEnd = LocalDate.of(2026, 11, 24).plusDays(60);
        assertThat(termEnds).allSatisfy((name, termEnd) -> assertThat(termEnd.isAfter(windowEnd))
                .as(name).isEqualTo(!name.contains("Cartago")));
    }

    @Test
    void loading_again_finds_everything_already_there_and_changes_nothing() throws Exception {
        var first = load();
        membership.requests.clear();

        var out = new ByteArrayOutputStream();
        var second = DemoRoster.load(membership.url(), TOKEN, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(second).allMatch(DemoRoster.Loaded::alreadyThere);
        assertThat(second).extracting(DemoRoster.Loaded::id)
                .containsExactlyElementsOf(first.stream().map(DemoRoster.Loaded::id).toList());
        assertThat(second).extracting(DemoRoster.Loaded::status)
                .containsExactlyElementsOf(first.stream().map(DemoRoster.Loaded::status).toList());
        assertThat(membership.requests).allMatch(request -> request.method().equals("GET"));
        assertThat(membership.members).hasSize(7);
        var lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(7).allMatch(line -> line.endsWith(DemoRoster.ALREADY_THERE));
    }

    @Test
    void a_duplicate_member_answer_counts_as_already_there_and_skips_the_later_steps() throws Exception {
        // Not found by name, but the service refuses the application (say, for a contact's e-mail address).
        var existing = membership.add("Otro nombre registrado antes", "PA", "SUSPENDED");
        membership.duplicateOf = existing;
        membership.duplicateFor = body -> body.contains("Municipio de David (demo)");

        var out = new ByteArrayOutputStream();
        var loaded = DemoRoster.load(membership.url(), TOKEN, new PrintStream(out, true, StandardCharsets.UTF_8));

        var david = loaded.get(5);
        assertThat(david.name()).isEqualTo("Municipio de David (demo)");
        assertThat(david.alreadyThere()).isTrue();
        assertThat(david.id()).isEqualTo(existing);
        assertThat(david.status()).isEqualTo("SUSPENDED");
        assertThat(david.registeredAs()).isEqualTo("Otro nombre registrado antes");
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList().get(5)).contains(existing)
                .endsWith("already there, as \"Otro nombre registrado antes\"");
        assertThat(callsFor(david)).containsExactly("GET search", "POST /api/v1/applications",
                "GET /api/v1/members/" + existing);
        assertThat(membership.requests).noneMatch(request -> request.path().startsWith("/api/v1/members/" + existing)
                && request.method().equals("POST"));
        assertThat(loaded).filteredOn(DemoRoster.Loaded::alreadyThere).containsExactly(david);
    }

    @Test
    void a_rejected_institution_is_found_by_name_and_not_applied_for_again() throws Exception {
        membership.add("Universidad Tecnologica de Honduras - Centro de Ciudades (DEMO)", "HN", "REJECTED");

        var loaded = load();

        assertThat(loaded.get(6).alreadyThere()).isTrue();
        assertThat(loaded.get(6).status()).isEqualTo("REJECTED");
        assertThat(loaded.get(6).registeredAs()).isNull();
        assertThat(membership.requests).noneMatch(request -> request.path().equals("/api/v1/applications")
                && request.body().contains("Honduras"));
    }

    @Test
    void an_unexpected_answer_fails_naming_the_institution_the_step_and_the_answer() throws Exception {
        membership.failOn = request -> request.path().endsWith("/agreement");

        assertThatThrownBy(this::load)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Instituto Municipal de Planeación y Competitividad de Torreón (demo)")
                .hasMessageContaining("agreement")
                .hasMessageContaining("409")
                .hasMessageContaining("invalid-transition");
        assertThat(membership.requests).noneMatch(request -> request.body().contains("Quetzaltenango"));
    }

    @Test
    void an_unreachable_service_fails_with_a_clear_message() {
        var url = membership.url();
        membership.close();

        assertThatThrownBy(() -> DemoRoster.load(url, TOKEN, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("demo data")
                .hasMessageContaining(url.toString());
    }

    @Test
    void each_loaded_institution_is_printed_with_its_status_and_id() throws Exception {
        var out = new ByteArrayOutputStream();
        var loaded = DemoRoster.load(membership.url(), TOKEN, new PrintStream(out, true, StandardCharsets.UTF_8));

        var lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(7);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).contains(loaded.get(i).name(), loaded.get(i).status(), loaded.get(i).id())
                    .doesNotContain(DemoRoster.ALREADY_THERE);
        }
    }

    @Test
    void the_roster_is_clearly_marked_as_demo_data() {
        assertThat(DemoRoster.ROSTER).hasSize(7);
        for (var institution : DemoRoster.ROSTER) {
            assertThat(institution.name()).endsWith(" (demo)");
            var contacts = json(institution.applicationBody()).get("contacts");
            assertThat(contacts).as(institution.name()).hasSize(1);
            assertThat(contacts.get(0).get("primary").asBoolean()).isTrue();
            assertThat(contacts.get(0).get("email").asText()).as(institution.name())
                    .matches("[a-z.]+@[a-z0-9-]+\\.example(\\.[a-z]{2})?");
            for (var step : institution.steps()) {
                if (step.action().equals("agreement")) {
                    assertThat(json(step.body()).get("documentReference").asText()).startsWith("DEMO-");
                }
            }
        }
        assertThat(DemoRoster.ROSTER).extracting(DemoRoster.Institution::name).doesNotHaveDuplicates();
        assertThat(DemoRoster.ROSTER).extracting(institution -> institution.contact().email())
                .doesNotHaveDuplicates();
    }

    @Test
    void an_answer_that_is_not_json_fails_naming_the_institution_the_step_and_the_answer() {
        membership.garbleOn = request -> request.path().endsWith("/approval");

        assertThatThrownBy(this::load)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Instituto Municipal de Planeación y Competitividad de Torreón (demo)")
                .hasMessageContaining("approval")
                .hasMessageContaining("<html>");
    }

    @Test
    void a_member_answer_without_its_status_is_unexpected() {
        membership.withoutStatusOn = request -> request.path().endsWith("/review");

        assertThatThrownBy(this::load)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Municipalidad de Quetzaltenango (demo)")
                .hasMessageContaining("review");
    }

    private List<DemoRoster.Loaded> load() throws InterruptedException {
        return DemoRoster.load(membership.url(), TOKEN, new PrintStream(new ByteArrayOutputStream()));
    }

    /**
     * The calls made for one institution, shortened: "GET search" for the look-up by name, "POST approval" and so on
     * for its steps.
     */
    private List<String> callsFor(DemoRoster.Loaded loaded) {
        var name = loaded.name();
        var calls = new ArrayList<String>();
        for (var request : membership.requests) {
            if (request.path().equals("/api/v1/members") && name.equals(request.query().get("name"))) {
                calls.add("GET search");
            } else if (request.path().equals("/api/v1/applications") && request.body().contains(
                    JSON.valueToTree(name).toString())) {
                calls.add("POST /api/v1/applications");
            } else if (request.path().startsWith("/api/v1/members/" + loaded.id())) {
                calls.add(request.method().equals("POST")
                        ? "POST " + request.path().substring(request.path().lastIndexOf('/') + 1)
                        : request.method() + " " + request.path());
            }
        }
        return calls;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    record Recorded(String method, String path, Map<String, String> query, String authorization, String body) {

        JsonNode json() {
            return DemoRosterTest.json(body);
        }
    }

    /** Just enough of membership-service: applications, look-ups and the lifecycle steps the roster uses. */
    static final class FakeMembership implements AutoCloseable {

        private static final Map<String, String> STEPS = Map.of("review", "UNDER_REVIEW", "approval", "APPROVED",
                "rejection", "REJECTED", "agreement", "ACTIVE", "suspension", "SUSPENDED");

        final List<Recorded> requests = new ArrayList<>();
        /** id → name, country, status */
        final Map<String, String[]> members = new LinkedHashMap<>();
        /** Applications whose body matches are refused as duplicates of member {@link #duplicateOf}. */
        Predicate<String> duplicateFor = body -> false;
        String duplicateOf;
        Predicate<Recorded> failOn = request -> false;
        /** Requests answered 200 with a page that is not JSON. */
        Predicate<Recorded> garbleOn = request -> false;
        /** Requests answered with their member, less its status. */
        Predicate<Recorded> withoutStatusOn = request -> false;
        private final HttpServer server;

        FakeMembership() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        String add(String name, String country, String status) {
            var id = UUID.randomUUID().toString();
            members.put(id, new String[] {name, country, status});
            return id;
        }

        private synchronized void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var path = exchange.getRequestURI().getPath();
                var request = new Recorded(exchange.getRequestMethod(), path, query(exchange.getRequestURI()),
                        exchange.getRequestHeaders().getFirst("Authorization"), body);
                requests.add(request);
                if (failOn.test(request)) {
                    answer(exchange, 409, "{\"type\":\"https://redciudades.invalid/problems/invalid-transition\"}");
                } else if (garbleOn.test(request)) {
                    answer(exchange, 200, "<html><body>Bad gateway</body></html>");
                } else if (withoutStatusOn.test(request)) {
                    var member = memberJson(path.split("/")[4]);
                    member.remove("status");
                    answer(exchange, 200, member.toString());
                } else if (path.equals("/api/v1/applications") && request.method().equals("POST")) {
                    apply(exchange, request);
                } else if (path.equals("/api/v1/members") && request.method().equals("GET")) {
                    search(exchange, request);
                } else if (path.startsWith("/api/v1/members/")) {
                    member(exchange, request, path.substring("/api/v1/members/".length()).split("/"));
                } else {
                    answer(exchange, 404, "{}");
                }
            }
        }

        private void apply(HttpExchange exchange, Recorded request) throws IOException {
            if (request.authorization() != null) {
                answer(exchange, 400, "{\"detail\":\"the fake expects no token on applications\"}");
                return;
            }
            if (duplicateFor.test(request.body())) {
                answer(exchange, 409, JSON.createObjectNode()
                        .put("type", "https://redciudades.invalid/problems/duplicate-member").put("status", 409)
                        .put("existingMemberId", duplicateOf).toString());
                return;
            }
            var institution = request.json().get("institution");
            var id = add(institution.get("name").asText(), institution.get("country").asText(), "SUBMITTED");
            answer(exchange, 201, memberJson(id).toString());
        }

        private void search(HttpExchange exchange, Recorded request) throws IOException {
            if (!organizer(exchange, request)) {
                return;
            }
            var name = DemoRoster.normalize(request.query().getOrDefault("name", ""));
            var country = request.query().get("country");
            var page = JSON.createObjectNode();
            var items = page.putArray("items");
            members.forEach((id, member) -> {
                if (DemoRoster.normalize(member[0]).contains(name) && (country == null || country.equals(member[1]))) {
                    items.addObject().put("id", id).put("name", member[0]).put("kind", "OTHER")
                            .put("country", member[1]).put("status", member[2]);
                }
            });
            page.put("page", 0).put("size", 100).put("totalItems", items.size()).put("totalPages", 1);
            answer(exchange, 200, page.toString());
        }

        private void member(HttpExchange exchange, Recorded request, String[] idAndAction) throws IOException {
            if (!organizer(exchange, request)) {
                return;
            }
            var member = members.get(idAndAction[0]);
            if (member == null) {
                answer(exchange, 404, "{}");
            } else if (idAndAction.length == 1 && request.method().equals("GET")) {
                answer(exchange, 200, memberJson(idAndAction[0]).toString());
            } else if (idAndAction.length == 2 && request.method().equals("POST")
                    && STEPS.containsKey(idAndAction[1])) {
                member[2] = STEPS.get(idAndAction[1]);
                answer(exchange, 200, memberJson(idAndAction[0]).toString());
            } else {
                answer(exchange, 404, "{}");
            }
        }

        private boolean organizer(HttpExchange exchange, Recorded request) throws IOException {
            if (!("Bearer " + TOKEN).equals(request.authorization())) {
                answer(exchange, 401, "");
                return false;
            }
            return true;
        }

        private ObjectNode memberJson(String id) {
            var member = members.get(id);
            var json = JSON.createObjectNode().put("id", id);
            json.putObject("institution").put("name", member[0]).put("country", member[1]);
            json.put("status", member[2]);
            json.putArray("contacts").addObject().put("id", UUID.randomUUID().toString()).put("primary", true);
            return json.putNull("agreement");
        }

        private static Map<String, String> query(URI uri) {
            var query = new LinkedHashMap<String, String>();
            if (uri.getRawQuery() != null) {
                for (var pair : uri.getRawQuery().split("&")) {
                    var parts = pair.split("=", 2);
                    query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                            parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
                }
            }
            return query;
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
