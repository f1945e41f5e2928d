package org.redciudades.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A small, fictitious roster of members (launcher flag {@code --demo-data}), loaded through membership-service's API
 * the way an applicant and an organizer would: each institution applies, then an organizer takes it through its
 * lifecycle steps. Everything is marked as demo data: the names end with {@value #DEMO_SUFFIX}, the e-mail domains
 * are {@code .example} domains and the agreements' document references start with {@value #DEMO_REFERENCE_PREFIX}.
 *
 * <p>Loading again changes nothing: an institution that is already there (found by name and country, whatever its
 * status, or refused by the service as a duplicate) is reported as such and its steps are skipped.
 */
public final class DemoRoster {

    static final String DEMO_SUFFIX = " (demo)";
    static final String DEMO_REFERENCE_PREFIX = "DEMO-";
    static final String ALREADY_THERE = "already there";

    private static final String APPLICATIONS = "/api/v1/applications";
    private static final String MEMBERS = "/api/v1/members";
    private static final String DUPLICATE_MEMBER_TYPE_SUFFIX = "/duplicate-member";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int BODY_IN_MESSAGE_MAX = 600;
    private static final String NETWORK_SIGNATORY = "Laura Méndez Orozco, Coordinadora General de la Red (demo)";
    /**
     * Answers are read into the records below: fields the roster does not use are skipped, and one it uses that is
     * missing or null makes the answer unexpected.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    /** A member as membership-service answers with it, as far as the roster reads it. */
    private record Member(String id, String status, RegisteredInstitution institution) {
    }

    private record RegisteredInstitution(String name) {
    }

    /** One item of {@code GET /api/v1/members}. */
    private record MemberSummary(String id, String name, String country, String status) {
    }

    private record MemberPage(List<MemberSummary> items) {
    }

    /** The problem (RFC 9457) the service answers a duplicate application with. */
    private record DuplicateMember(String type, String existingMemberId) {
    }

    /** The one contact each demo institution applies with; always its primary contact. */
    record Contact(String name, String email, String title, String locale) {

        @JsonProperty
        boolean primary() {
            return true;
        }
    }

    /** A signed collaboration agreement (convenio). */
    record Agreement(LocalDate signedOn, LocalDate termStart, LocalDate termEnd, String documentReference,
                     String memberSignatory, String networkSignatory) {
    }

    /**
     * An organizer's lifecycle step: {@code POST /api/v1/members/{id}/<action>} with {@code body} (none when null),
     * which leaves the member in {@code resultingStatus}.
     */
    record Step(String action, String body, String resultingStatus) {

        static Step review() {
            return new Step("review", null, "UNDER_REVIEW");
        }

        static Step approval() {
            return new Step("approval", null, "APPROVED");
        }

        static Step rejection(String reason) {
            return new Step("rejection", JSON.createObjectNode().put("reason", reason).toString(), "REJECTED");
        }

        static Step agreement(Agreement agreement) {
            return new Step("agreement", JSON.createObjectNode()
                    .put("signedOn", agreement.signedOn().toString())
                    .put("termStart", agreement.termStart().toString())
                    .put("termEnd", agreement.termEnd().toString())
                    .put("documentReference", agreement.documentReference())
                    .put("memberSignatory", agreement.memberSignatory())
                    .put("networkSignatory", agreement.networkSignatory())
                    .toString(), "ACTIVE");
        }

        static Step suspension(String reason) {
            return new Step("suspension", JSON.createObjectNode().put("reason", reason).toString(), "SUSPENDED");
        }
    }

    /** A demo institution, its application and the steps an organizer takes it through. */
    record Institution(String name, String kind, String country, String region, String city, String timeZone,
                       String locale, Contact contact, List<Step> steps) {

        /** The status the steps leave it in (SUBMITTED without any). */
        String finalStatus() {
            return steps.isEmpty() ? "SUBMITTED" : steps.getLast().resultingStatus();
        }

        String applicationBody() {
            var body = JSON.createObjectNode();
            body.putObject("institution").put("name", name).put("kind", kind).put("country", country)
                    .put("region", region).put("city", city);
            body.put("locale", locale).put("timeZone", timeZone);
            body.putArray("contacts").add(JSON.valueToTree(contact));
            return body.toString();
        }
    }

    /**
     * What loading did for one institution: its member id and status, and whether it was there already; if so, and
     * the service matched it by a contact's e-mail address to a member of another name, {@code registeredAs} is that
     * name (else null).
     */
    public record Loaded(String name, String id, String status, boolean alreadyThere, String registeredAs) {

        Loaded(String name, String id, String status, boolean alreadyThere) {
            this(name, id, status, alreadyThere, null);
        }

        /** The line printed for it. */
        String line(int nameWidth) {
            return ("%-" + nameWidth + "s  %-12s  %s%s").formatted(name, status, id, !alreadyThere ? ""
                    : "  " + ALREADY_THERE + (registeredAs == null ? "" : ", as \"" + registeredAs + "\""));
        }
    }

    private static final Agreement IMPLAN_TORREON_AGREEMENT = new Agreement(LocalDate.of(2026, 11, 20),
            LocalDate.of(2026, 12, 1), LocalDate.of(2028, 11, 30), "DEMO-CONV-2026-017",
            "Rodrigo Garza Villarreal, Director General (demo)", NETWORK_SIGNATORY);
    /** Ends soon, so it shows as EXPIRING once the expiry job runs (default window: 60 days). */
    private static final Agreement CARTAGO_AGREEMENT = new Agreement(LocalDate.of(2025, 1, 8),
            LocalDate.of(2025, 1, 16), LocalDate.of(2027, 1, 15), "DEMO-CONV-2025-004",
            "Esteban Quirós Brenes, Alcalde (demo)", NETWORK_SIGNATORY);
    private static final Agreement DAVID_AGREEMENT = new Agreement(LocalDate.of(2025, 6, 12),
            LocalDate.of(2025, 7, 1), LocalDate.of(2027, 6, 30), "DEMO-CONV-2025-011",
            "Aurelio Samudio Caballero, Alcalde (demo)", NETWORK_SIGNATORY);

    /** The roster, in the order it is loaded. Fictitious, except IMPLAN Torreón's name. */
    static final List<Institution> ROSTER = List.of(
            new Institution("Instituto Municipal de Planeación y Competitividad de Torreón (demo)",
                    "MUNICIPAL_PLANNING_INSTITUTE", "MX", "Coahuila", "Torreón", "America/Monterrey", "es-MX",
                    new Contact("Rosa Elena Ibarra Saucedo", "rosa.ibarra@implan-torreon.example.mx",
                            "Coordinadora de Vinculación", "es-MX"),
                    List.of(Step.approval(), Step.agreement(IMPLAN_TORREON_AGREEMENT))),
            new Institution("Municipalidad de Quetzaltenango (demo)",
                    "MUNICIPALITY", "GT", "Quetzaltenango", "Quetzaltenango", "America/Guatemala", "es-MX",
                    new Contact("Ana Lucía Cifuentes Barrios", "ana.cifuentes@muniquetzaltenango.example.gt",
                            "Directora Municipal de Planificación", "es-MX"),
                    List.of(Step.review())),
            new Institution("Alcaldía Municipal de Santa Tecla (demo)",
                    "MUNICIPALITY", "SV", "La Libertad", "Santa Tecla", "America/El_Salvador", "es-MX",
                    new Contact("Carlos Ernesto Menjívar Rivas", "carlos.menjivar@santatecla.example.sv",
                            "Gerente de Desarrollo Urbano", "es-MX"),
                    List.of(Step.approval())),
            new Institution("Municipalidad de Cartago (demo)",
                    "MUNICIPALITY", "CR", "Cartago", "Cartago", "America/Costa_Rica", "es-MX",
                    new Contact("Gabriela Solano Coto", "gabriela.solano@municartago.example.cr",
                            "Jefa de Planificación Urbana", "es-MX"),
                    List.of(Step.approval(), Step.agreement(CARTAGO_AGREEMENT))),
            new Institution("Instituto Municipal de Planeación de Mérida (demo)",
                    "MUNICIPAL_PLANNING_INSTITUTE", "MX", "Yucatán", "Mérida", "America/Merida", "en",
                    new Contact("Daniela Puerto Cámara", "daniela.puerto@implan-merida.example.mx",
                            "International Cooperation Officer", "en"),
                    List.of()),
            new Institution("Municipio de David (demo)",
                    "MUNICIPALITY", "PA", "Chiriquí", "David", "America/Panama", "es-MX",
                    new Contact("Ricardo Samudio Pitti", "ricardo.samudio@municipiodedavid.example.pa",
                            "Director de Planificación Municipal", "es-MX"),
                    List.of(Step.approval(), Step.agreement(DAVID_AGREEMENT),
                            Step.suspension("Demo: informe anual pendiente"))),
            new Institution("Universidad Tecnológica de Honduras — Centro de Ciudades (demo)",
                    "UNIVERSITY", "HN", "Cortés", "San Pedro Sula", "America/Tegucigalpa", "es-MX",
                    new Contact("Karla Patricia Zelaya Mejía", "karla.zelaya@uth-ciudades.example.hn",
                            "Coordinadora del Centro de Ciudades", "es-MX"),
                    List.of(Step.rejection("Demo: fuera del ámbito municipal"))));

    private final URI base;
    private final String organizerToken;
    private final HttpClient http;

    private DemoRoster(URI base, String organizerToken, HttpClient http) {
        this.base = base;
        this.organizerToken = organizerToken;
        this.http = http;
    }

    /**
     * Loads {@link #ROSTER} into the membership-service at {@code membershipBase}, printing one line per institution
     * (name, status, member id, and {@value #ALREADY_THERE} when it was loaded before) to {@code out}.
     *
     * @param organizerToken a bearer token with the organizer role, for the organizer's steps and look-ups
     * @throws StackException if the service cannot be reached or answers a step with something unexpected
     */
    public static List<Loaded> load(URI membershipBase, String organizerToken, PrintStream out)
            throws InterruptedException {
        return load(membershipBase, organizerToken, out, ROSTER);
    }

    static List<Loaded> load(URI membershipBase, String organizerToken, PrintStream out, List<Institution> roster)
            throws InterruptedException {
        int nameWidth = roster.stream().mapToInt(institution -> institution.name().length()).max().orElse(0);
        var loaded = new ArrayList<Loaded>();
        try (var http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()) {
            var loader = new DemoRoster(membershipBase, organizerToken, http);
            for (var institution : roster) {
                var result = loader.load(institution);
                loaded.add(result);
                out.println("  " + result.line(nameWidth));
                out.flush();
            }
        }
        return loaded;
    }

    private Loaded load(Institution institution) throws InterruptedException {
        var existing = findExisting(institution);
        if (existing != null) {
            return existing;
        }
        var application = post(institution, "apply", APPLICATIONS, institution.applicationBody(), false);
        if (application.statusCode() == 409) {
            var problem = read(institution, "apply", application, DuplicateMember.class);
            if (!problem.type().endsWith(DUPLICATE_MEMBER_TYPE_SUFFIX)) {
                throw unexpected(institution, "apply", application);
            }
            return existing(institution, problem.existingMemberId());
        }
        expectStatus(institution, "apply", application, 201);
        var member = read(institution, "apply", application, Member.class);
        var id = member.id();
        var status = member.status();
        for (var step : institution.steps()) {
            var answer = post(institution, step.action(), MEMBERS + "/" + id + "/" + step.action(), step.body(), true);
            expectStatus(institution, step.action(), answer, 200);
            status = read(institution, step.action(), answer, Member.class).status();
            if (!status.equals(step.resultingStatus())) {
                throw new StackException("demo data: " + step.action() + " of " + institution.name() + " (" + id
                        + ") left it " + status + ", expected " + step.resultingStatus());
            }
        }
        return new Loaded(institution.name(), id, status, false);
    }

    /**
     * The member already loaded for this institution: one with the same name (accents, case and punctuation aside)
     * and country, whatever its status. The service refuses a duplicate application only while the earlier one is
     * open or a member, so a REJECTED demo institution would otherwise be loaded again.
     */
    private Loaded findExisting(Institution institution) throws InterruptedException {
        var query = "?name=" + URLEncoder.encode(institution.name(), StandardCharsets.UTF_8)
                + "&country=" + institution.country() + "&size=100";
        var answer = get(institution, "look up", MEMBERS + query);
        expectStatus(institution, "look up", answer, 200);
        for (var summary : read(institution, "look up", answer, MemberPage.class).items()) {
            if (normalize(summary.name()).equals(normalize(institution.name()))
                    && institution.country().equals(summary.country())) {
                return new Loaded(institution.name(), summary.id(), summary.status(), true);
            }
        }
        return null;
    }

    /** The member the service named as a duplicate of this institution, as it is now. */
    private Loaded existing(Institution institution, String id) throws InterruptedException {
        var answer = get(institution, "look up", MEMBERS + "/" + id);
        expectStatus(institution, "look up", answer, 200);
        var member = read(institution, "look up", answer, Member.class);
        var name = member.institution().name();
        return new Loaded(institution.name(), id, member.status(), true,
                normalize(name).equals(normalize(institution.name())) ? null : name);
    }

    private HttpResponse<String> get(Institution institution, String step, String path)
            throws InterruptedException {
        return send(institution, step, HttpRequest.newBuilder(base.resolve(path)).GET(), true);
    }

    /** A POST of {@code body}, JSON, or of nothing when it is null. */
    private HttpResponse<String> post(Institution institution, String step, String path, String body,
                                      boolean asOrganizer) throws InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return send(institution, step, request, asOrganizer);
    }

    private HttpResponse<String> send(Institution institution, String step, HttpRequest.Builder request,
                                      boolean asOrganizer) throws InterruptedException {
        request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        if (asOrganizer) {
            request.header("Authorization", "Bearer " + organizerToken);
        }
        var built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StackException("demo data: the " + step + " step of " + institution.name() + " failed: "
                    + built.method() + " " + built.uri() + ": " + e, e);
        }
    }

    private static void expectStatus(Institution institution, String step, HttpResponse<String> answer, int expected) {
        if (answer.statusCode() != expected) {
            throw unexpected(institution, step, answer);
        }
    }

    private static <T> T read(Institution institution, String step, HttpResponse<String> answer, Class<T> type) {
        try {
            var value = JSON.readValue(answer.body(), type);
            if (value != null) {
                return value;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw unexpected(institution, step, answer);
    }

    private static StackException unexpected(Institution institution, String step, HttpResponse<String> answer) {
        var body = answer.body() == null ? "" : answer.body().strip();
        if (body.length() > BODY_IN_MESSAGE_MAX) {
            body = body.substring(0, BODY_IN_MESSAGE_MAX) + "…";
        }
        return new StackException("demo data: unexpected answer to the " + step + " step of " + institution.name()
                + ": " + answer.request().method() + " " + answer.request().uri() + " answered " + answer.statusCode()
                + (body.isEmpty() ? "" : " " + body));
    }

    /** As membership-service compares institution names: accents, case and punctuation aside. */
    static String normalize(String name) {
        var withoutAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
