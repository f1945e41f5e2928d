package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class MemberOnboardingTest {

    static final String IMPLAN_TORREON = """
            {
              "institution": {
                "name": "Instituto Municipal de Planeación de Torreón (IMPLAN Torreón)",
                "kind": "MUNICIPAL_PLANNING_INSTITUTE",
                "country": "MX", "region": "Coahuila", "city": "Torreón",
                "website": "https://implan-torreon.example.mx"
              },
              "locale": "es-MX",
              "timeZone": "America/Monterrey",
              "contacts": [{"name": "Mariana Ávila Treviño", "email": "Mariana.Avila@implan-torreon.example.mx",
                            "title": "Coordinadora de Vinculación", "locale": "es-MX", "primary": true}]
            }
            """;
    /** IMPLAN Torreón's application under a name and email of its own, so it is never a duplicate of another test's. */
    static String uniqueApplication() {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        return IMPLAN_TORREON.replace("(IMPLAN Torreón)", "(IMPLAN Torreón " + tag + ")")
                .replace("Mariana.Avila@implan-torreon.example.mx", "Mariana.Avila." + tag + "@implan-torreon.example.mx");
    }

    static final String AGREEMENT = """
            {"signedOn": "2026-11-20", "termStart": "2026-12-01", "termEnd": "2028-11-30",
             "documentReference": "RCI-CONV-2026-014", "memberSignatory": "Directora General de IMPLAN Torreón",
             "networkSignatory": "Coordinación de la Red"}
            """;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void an_application_approved_and_signed_makes_an_active_member_and_publishes_each_step_in_order() {
        String application = uniqueApplication();
        HttpResponse<String> applied = post("/api/v1/applications", application);
        assertThat(applied.statusCode()).isEqualTo(201);
        String memberId = json.readTree(applied.body()).get("id").asString();
        assertThat(applied.headers().firstValue("Location")).hasValue("/api/v1/members/" + memberId);

        assertThat(post("/api/v1/members/" + memberId + "/approval", "").statusCode()).isEqualTo(200);
        HttpResponse<String> signed = post("/api/v1/members/" + memberId + "/agreement", AGREEMENT);
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(signed.body()).get("status").asString()).isEqualTo("ACTIVE");

        List<ConsumerRecord<byte[], byte[]>> events = readUntil(RealInfrastructure.kafkaBrokers(), MemberEvent.TOPIC,
                Duration.ofSeconds(30), read -> ofMember(read, memberId).size() == 3);
        List<ConsumerRecord<byte[], byte[]>> mine = ofMember(events, memberId);
        assertThat(mine).extracting(r -> header(r, "ce_type")).containsExactly(
                "org.redciudades.membership.application.submitted.v1",
                "org.redciudades.membership.application.approved.v1",
                "org.redciudades.membership.member.activated.v1");
        mine.forEach(r -> {
            assertThat(header(r, "ce_subject")).isEqualTo(memberId);
            assertThat(header(r, "ce_source")).isEqualTo("/membership-service");
            Contracts.assertConforms(header(r, "ce_type"), text(r.value()));
        });
        JsonNode activated = json.readTree(text(mine.get(2).value()));
        assertThat(activated.get("locale").asString()).isEqualTo("es-MX");
        assertThat(activated.get("timeZone").asString()).isEqualTo("America/Monterrey");
        assertThat(activated.get("contacts").get(0).get("email").asString())
                .isEqualTo(json.readTree(application).get("contacts").get(0).get("email").asString().toLowerCase());
    }

    @Test
    void an_invalid_step_is_refused_with_409_naming_the_current_state_and_publishes_nothing() {
        String memberId = json.readTree(post("/api/v1/applications", uniqueApplication()).body()).get("id").asString();

        HttpResponse<String> early = post("/api/v1/members/" + memberId + "/agreement", AGREEMENT);

        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(early.body());
        assertThat(problem.get("currentStatus").asString()).isEqualTo("SUBMITTED");
        assertThat(problem.get("allowedActions").valueStream().map(JsonNode::asString))
                .containsExactly("START_REVIEW", "APPROVE", "REJECT");
        assertThat(outboxRows(memberId)).isEqualTo(1);
    }

    @Test
    void an_application_with_an_unknown_country_and_time_zone_is_refused_field_by_field_and_stores_nothing() {
        long membersBefore = jdbc.sql("select count(*) from member").query(Long.class).single();
        String bad = IMPLAN_TORREON.replace("\"MX\"", "\"XX\"").replace("America/Monterrey", "America/Torreon");

        HttpResponse<String> refused = post("/api/v1/applications", bad);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://redciudades.org/problems/validation");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("institution.country", "timeZone");
        assertThat(jdbc.sql("select count(*) from member").query(Long.class).single()).isEqualTo(membersBefore);
    }

    private long outboxRows(String memberId) {
        return jdbc.sql("select count(*) from outbox_event where aggregate_id = :id").param("id", memberId)
                .query(Long.class).single();
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofMember(List<ConsumerRecord<byte[], byte[]>> records, String id) {
        return records.stream().filter(r -> id.equals(text(r.key()))).toList();
    }

    private HttpResponse<String> post(String path, String body) {
        String token = path.equals("/api/v1/applications") ? null : TestTokens.withRole(Roles.ORGANIZER);
        return api.post(path, token, body);
    }

}
