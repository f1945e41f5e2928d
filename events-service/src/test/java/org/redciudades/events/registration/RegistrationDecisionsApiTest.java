package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.PublishedFacts;
import org.redciudades.events.catalogue.CatalogueApiTest;
import org.redciudades.events.eligibility.MemberEligibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class RegistrationDecisionsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MemberEligibility eligibility;
    ApiClient api;
    String organizer;
    PublishedFacts facts;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        organizer = TestTokens.withRole(Roles.ORGANIZER);
        facts = new PublishedFacts(jdbc, json);
    }

    @Test
    void with_approval_a_free_seat_is_held_pending_a_rejection_passes_it_to_the_next_waiting_and_an_approval_confirms() {
        UUID event = announced(workshop(1).replace("\"requiresApproval\": false", "\"requiresApproval\": true"));
        String staff = TestTokens.withRole(Roles.MEMBER);

        JsonNode first = body(register(event, staff, "primera@municipio.example.gt"));
        JsonNode second = body(register(event, staff, "segunda@municipio.example.gt"));
        assertThat(first.get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(second.get("status").asString()).isEqualTo("WAITLISTED");

        HttpResponse<String> rejected = api.post("/api/v1/registrations/" + id(first) + "/rejection", organizer,
                "{\"reason\": \"El taller es para personal técnico\"}");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(body(rejected).get("promoted").get(0).asString()).isEqualTo(id(second));
        assertThat(status(id(second))).as("the freed seat is held for the next person's approval").isEqualTo("PENDING_APPROVAL");

        HttpResponse<String> approved = api.post("/api/v1/registrations/" + id(second) + "/approval", organizer, null);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(body(approved).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(api.post("/api/v1/registrations/" + id(first) + "/approval", organizer, null).statusCode())
                .as("a rejected registration cannot be approved").isEqualTo(409);

        assertThat(facts.types(event)).containsExactly("event.announced", "registration.pending-approval",
                "registration.waitlisted", "registration.rejected", "registration.pending-approval", "registration.approved");
        assertThat(facts.of(event, "registration.rejected").getFirst().get("reason").asString()).isEqualTo("El taller es para personal técnico");
        assertThat(facts.of(event, "registration.approved").getFirst().get("event").get("onlineLink").asString())
                .as("the approved person gets the online link").isEqualTo("https://meet.example.org/movilidad");
        assertThat(seatsTaken(event)).isEqualTo(1);
    }

    @Test
    void an_institution_registers_at_most_its_quota_and_other_institutions_are_not_affected() {
        UUID implan = active();
        UUID other = active();
        UUID event = announced(workshop(10).replace("\"memberQuota\": 5", "\"memberQuota\": 2"));

        assertThat(register(event, TestTokens.forMember(implan), "uno@implan.example.mx").statusCode()).isEqualTo(201);
        assertThat(register(event, TestTokens.forMember(implan), "dos@implan.example.mx").statusCode()).isEqualTo(201);
        HttpResponse<String> third = register(event, TestTokens.forMember(implan), "tres@implan.example.mx");
        HttpResponse<String> repeat = register(event, TestTokens.forMember(implan), "dos@implan.example.mx");
        HttpResponse<String> elsewhere = register(event, TestTokens.forMember(other), "uno@otro.example.mx");

        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(body(third).get("type").asString()).endsWith("/member-quota-reached");
        assertThat(body(third).get("memberQuota").asInt()).isEqualTo(2);
        assertThat(repeat.statusCode()).as("a repeat is not a new registration").isEqualTo(200);
        assertThat(elsewhere.statusCode()).isEqualTo(201);
        assertThat(count(event)).isEqualTo(3);
    }

    @Test
    void attendees_see_and_cancel_only_their_own_registration_and_only_before_the_deadline() {
        UUID event = announced(workshop(1));
        String ana = TestTokens.withRole(Roles.MEMBER);
        String stranger = TestTokens.withRole(Roles.MEMBER);
        JsonNode hers = body(register(event, ana, "ana@municipio.example.gt"));
        JsonNode waiting = body(register(event, stranger, "beto@municipio.example.gt"));

        JsonNode ownView = body(api.get("/api/v1/registrations/" + id(hers), ana));
        JsonNode waitingView = body(api.get("/api/v1/registrations/" + id(waiting), stranger));
        assertThat(ownView.get("onlineLink").asString()).as("a confirmed attendee sees the link").isEqualTo("https://meet.example.org/movilidad");
        assertThat(waitingView.get("onlineLink").isNull()).as("a waiting one does not").isTrue();
        assertThat(api.get("/api/v1/registrations/" + id(hers), stranger).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/registrations/" + id(hers) + "/cancellation", stranger, null).statusCode()).isEqualTo(404);
        assertThat(status(id(hers))).isEqualTo("CONFIRMED");

        HttpResponse<String> cancelled = api.post("/api/v1/registrations/" + id(hers) + "/cancellation", ana, null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(body(cancelled).get("promoted").get(0).asString()).isEqualTo(id(waiting));
        assertThat(facts.of(event, "registration.cancelled").getFirst().get("cancelledBy").asString()).isEqualTo("ATTENDEE");

        jdbc.sql("update event set cancellation_deadline = now() - interval '1 minute' where id = :id").param("id", event).update();
        HttpResponse<String> late = api.post("/api/v1/registrations/" + id(waiting) + "/cancellation", stranger, null);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(body(late).get("type").asString()).endsWith("/cancellation-deadline-passed");
        assertThat(api.post("/api/v1/registrations/" + id(waiting) + "/cancellation", organizer, null).statusCode())
                .as("organizers may still cancel").isEqualTo(200);
    }

    @Test
    void check_in_is_for_confirmed_people_is_recorded_once_and_published_once() {
        UUID event = announced(workshop(1));
        String staff = TestTokens.withRole(Roles.MEMBER);
        String confirmed = id(body(register(event, staff, "presente@municipio.example.gt")));
        String waiting = id(body(register(event, staff, "espera@municipio.example.gt")));

        HttpResponse<String> checkedIn = api.post("/api/v1/registrations/" + confirmed + "/attendance", organizer, null);
        HttpResponse<String> again = api.post("/api/v1/registrations/" + confirmed + "/attendance", organizer, null);
        HttpResponse<String> notSeated = api.post("/api/v1/registrations/" + waiting + "/attendance", organizer, null);

        assertThat(checkedIn.statusCode()).isEqualTo(200);
        assertThat(body(checkedIn).get("attendedAt").isNull()).isFalse();
        assertThat(body(again).get("attendedAt").asString()).isEqualTo(body(checkedIn).get("attendedAt").asString());
        assertThat(notSeated.statusCode()).isEqualTo(409);
        assertThat(body(notSeated).get("type").asString()).endsWith("/registration-status-conflict");
        assertThat(facts.of(event, "attendance.recorded")).singleElement()
                .satisfies(fact -> assertThat(fact.get("registrationId").asString()).isEqualTo(confirmed));
    }

    @Test
    void organizers_list_registrations_by_status_and_export_them_as_csv_that_excel_reads_with_accents() {
        UUID implan = active();
        UUID event = announced(workshop(1));
        register(event, TestTokens.forMember(implan), "mariana@implan.example.mx", "Mariana Ávila Treviño");
        register(event, TestTokens.withRole(Roles.MEMBER), "formula@municipio.example.gt", "=HYPERLINK(\"http://x\")");

        JsonNode waiting = body(api.get("/api/v1/events/" + event + "/registrations?status=WAITLISTED", organizer));
        assertThat(waiting.get("totalItems").asLong()).isEqualTo(1);
        assertThat(waiting.get("items").get(0).get("email").asString()).isEqualTo("formula@municipio.example.gt");

        HttpResponse<byte[]> csv = api.getBytes("/api/v1/events/" + event + "/registrations.csv", organizer);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        byte[] bytes = csv.body();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).as("UTF-8 byte-order mark").containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = List.of(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("registration_id,status,name,email,institution");
        assertThat(lines.get(1)).contains(",CONFIRMED,Mariana Ávila Treviño,mariana@implan.example.mx,IMPLAN Torreón,");
        assertThat(lines.get(2)).as("a formula is neutralised and quoted")
                .contains(",WAITLISTED,\"'=HYPERLINK(\"\"http://x\"\")\",");
    }

    private UUID active() {
        UUID member = UUID.randomUUID();
        eligibility.activate(member, "IMPLAN Torreón", "MX", Instant.now());
        return member;
    }

    static String workshop(int capacity) {
        return CatalogueApiTest.WORKSHOP.formatted(UUID.randomUUID()).replace("\"capacity\": 2", "\"capacity\": " + capacity);
    }

    private UUID announced(String body) {
        UUID id = UUID.fromString(body(api.post("/api/v1/events", organizer, body)).get("id").asString());
        assertThat(api.post("/api/v1/events/" + id + "/announcement", organizer, null).statusCode()).isEqualTo(200);
        return id;
    }

    private HttpResponse<String> register(UUID event, String token, String email) {
        return register(event, token, email, "Asistente");
    }

    private HttpResponse<String> register(UUID event, String token, String email, String name) {
        return api.post("/api/v1/events/" + event + "/registrations", token,
                json.writeValueAsString(Map.of("name", name, "email", email, "locale", "es-MX")));
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private static String id(JsonNode registration) {
        return registration.has("registration") ? registration.get("registration").get("id").asString() : registration.get("id").asString();
    }

    private String status(String registrationId) {
        return jdbc.sql("select status from registration where id = :id").param("id", UUID.fromString(registrationId))
                .query(String.class).single();
    }

    private long count(UUID event) {
        return jdbc.sql("select count(*) from registration where event_id = :e").param("e", event).query(Long.class).single();
    }

    private int seatsTaken(UUID event) {
        return jdbc.sql("select seats_taken from event where id = :e").param("e", event).query(Integer.class).single();
    }
}
