package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.membership.Application;
import org.redciudades.membership.MembershipScenario;
import org.redciudades.membership.MembershipScenario.Agreement;
import org.redciudades.membership.MembershipServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@MembershipServiceTest
class MemberOnboardingTest {

    @Autowired
    MembershipScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void an_application_approved_and_signed_makes_an_active_member_and_publishes_each_step_in_order() {
        Application application = Application.unique();
        HttpResponse<String> applied = scenario.apply(application);
        assertThat(applied.statusCode()).isEqualTo(201);
        String memberId = scenario.body(applied).get("id").asString();
        assertThat(applied.headers().firstValue("Location")).hasValue("/api/v1/members/" + memberId);

        assertThat(scenario.act(memberId, "approval", null).statusCode()).isEqualTo(200);
        HttpResponse<String> signed = scenario.act(memberId, "agreement", Agreement.implanTorreon());
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(scenario.body(signed).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(scenario.body(signed).get("allowedActions").valueStream().map(JsonNode::asString))
                .as("what a page may offer next").contains("SUSPEND", "WITHDRAW", "RENEW")
                .doesNotContain("APPROVE", "REINSTATE");

        List<ConsumerRecord<byte[], byte[]>> mine = scenario.published(memberId, 3);
        assertThat(mine).extracting(r -> header(r, "ce_type")).containsExactly(
                "org.redciudades.membership.application.submitted.v1",
                "org.redciudades.membership.application.approved.v1",
                "org.redciudades.membership.member.activated.v1");
        mine.forEach(r -> {
            assertThat(header(r, "ce_subject")).isEqualTo(memberId);
            assertThat(header(r, "ce_source")).isEqualTo("/membership-service");
            Contracts.assertConforms(header(r, "ce_type"), text(r.value()));
        });
        JsonNode activated = TestJson.read(text(mine.get(2).value()));
        assertThat(activated.get("locale").asString()).isEqualTo("es-MX");
        assertThat(activated.get("timeZone").asString()).isEqualTo("America/Monterrey");
        assertThat(activated.get("contacts").get(0).get("email").asString())
                .isEqualTo(application.contacts().getFirst().email().toLowerCase());
    }

    @Test
    void an_invalid_step_is_refused_with_409_naming_the_current_state_and_publishes_nothing() {
        String memberId = scenario.applied(Application.unique());

        HttpResponse<String> early = scenario.act(memberId, "agreement", Agreement.implanTorreon());

        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = scenario.body(early);
        assertThat(problem.get("currentStatus").asString()).isEqualTo("SUBMITTED");
        assertThat(problem.get("allowedActions").valueStream().map(JsonNode::asString))
                .containsExactly("START_REVIEW", "APPROVE", "REJECT");
        assertThat(problem.get("detail").asString()).as("in words, for a person")
                .isEqualTo("Con el estado «solicitud recibida» no se puede registrar el convenio.");
        assertThat(scenario.eventTypes(memberId)).hasSize(1);
        assertThat(scenario.body(scenario.api().get("/api/v1/members/" + memberId, scenario.organizer()))
                .get("allowedActions").valueStream().map(JsonNode::asString))
                .as("the member lists what its status allows, as the refusal does")
                .containsExactly("START_REVIEW", "APPROVE", "REJECT");

        HttpResponse<String> inEnglish = scenario.api().send("POST", "/api/v1/members/" + memberId + "/reinstatement",
                scenario.organizer(), null, null, Map.of("Accept-Language", "en"));
        assertThat(scenario.body(inEnglish).get("detail").asString())
                .isEqualTo("With the status “application received”, you cannot reinstate the membership.");
    }

    @Test
    void an_application_with_an_unknown_country_and_time_zone_is_refused_field_by_field_and_stores_nothing() {
        long membersBefore = jdbc.sql("select count(*) from member").query(Long.class).single();
        Application bad = Application.implanTorreon().inCountry("XX").inTimeZone("America/Torreon");

        HttpResponse<String> refused = scenario.apply(bad);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = scenario.body(refused);
        assertThat(problem.get("type").asString()).isEqualTo("https://redciudades.org/problems/validation");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("institution.country", "timeZone");
        assertThat(jdbc.sql("select count(*) from member").query(Long.class).single()).isEqualTo(membersBefore);
    }
}
