package org.redciudades.chassis.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record that failed every attempt reaches ops as a dead letter; once the cause is fixed, ops replay it
 * and it is processed, or discard it with a reason. Every action is audited and counted.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class DeadLetterAdminTest {

    static final String CREATED = "org.redciudades.sample.note.created.v1";
    static final String OPS = TestTokens.withRole(Roles.OPS);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SampleApplication.Flakiness flakiness;

    @Test
    void a_dead_letter_is_listed_inspected_replayed_by_ops_and_then_processed_once() {
        UUID note = UUID.randomUUID();
        String eventId = deadLetterFor(note, "flaky until fixed");
        JsonNode listed = pendingEntryFor(eventId);
        assertThat(listed.get("originalTopic").asString()).isEqualTo("sample.note");
        assertThat(listed.get("eventType").asString()).isEqualTo(CREATED);
        assertThat(listed.get("errorMessage").asString()).contains("transient failure");
        String id = listed.get("id").asString();

        JsonNode detail = json.readTree(api().get("/api/v1/ops/dead-letters/" + id, OPS).body());
        assertThat(detail.get("data").asString()).contains(note.toString());
        assertThat(detail.get("headers").get("ce_id").asString()).isEqualTo(eventId);
        assertThat(detail.get("key").asString()).isEqualTo(note.toString());
        assertThat(pendingGauge()).isGreaterThanOrEqualTo(1);

        flakiness.failuresLeft.set(0);   // the cause is fixed
        double replaysBefore = meters.counter("dead.letter.actions", "action", "replay").count();
        var replayed = api().post("/api/v1/ops/dead-letters/" + id + "/replay", OPS, "");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        JsonNode after = json.readTree(replayed.body());
        assertThat(after.get("status").asString()).isEqualTo("REPLAYED");
        assertThat(after.get("resolvedBy").asString()).as("the ops person, from the token").isEqualTo(TestTokens.subjectWithRole("ops"));
        assertThat(after.get("actions").get(0).get("action").asString()).isEqualTo("REPLAY");

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(note) == 1);
        assertThat(meters.counter("dead.letter.actions", "action", "replay").count()).isEqualTo(replaysBefore + 1);
        var again = api().post("/api/v1/ops/dead-letters/" + id + "/replay", OPS, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("dead-letter-resolved");
        assertThat(effects(note)).as("a replay that was refused publishes nothing").isEqualTo(1);
    }

    @Test
    void a_discarded_dead_letter_is_closed_with_its_reason_and_never_processed() {
        UUID note = UUID.randomUUID();
        String eventId = deadLetterFor(note, "flaky and unwanted");
        flakiness.failuresLeft.set(0);
        String id = pendingEntryFor(eventId).get("id").asString();

        var blank = api().post("/api/v1/ops/dead-letters/" + id + "/discard", OPS, "{\"reason\": \" \"}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("reason");
        var organizer = api().post("/api/v1/ops/dead-letters/" + id + "/discard", TestTokens.withRole(Roles.ORGANIZER),
                "{\"reason\": \"not mine to decide\"}");
        assertThat(organizer.statusCode()).isEqualTo(403);

        var discarded = api().post("/api/v1/ops/dead-letters/" + id + "/discard", OPS,
                "{\"reason\": \"Nota de prueba enviada por error\"}");
        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
        JsonNode after = json.readTree(discarded.body());
        assertThat(after.get("status").asString()).isEqualTo("DISCARDED");
        assertThat(after.get("actions").get(0).get("reason").asString()).isEqualTo("Nota de prueba enviada por error");
        assertThat(api().post("/api/v1/ops/dead-letters/" + id + "/replay", OPS, "").statusCode()).isEqualTo(409);
        assertThat(effects(note)).isZero();
        assertThat(api().get("/api/v1/ops/dead-letters/" + UUID.randomUUID(), OPS).statusCode()).isEqualTo(404);
    }

    @Test
    void ops_see_at_a_glance_that_the_instance_is_ready_its_consumers_lag_and_its_dead_letters_wait() {
        String eventId = deadLetterFor(UUID.randomUUID(), "flaky while ops look");
        String id = pendingEntryFor(eventId).get("id").asString();
        String topic = json.readTree(api().get("/api/v1/ops/dead-letters/" + id, OPS).body()).get("deadLetterTopic").asString();
        flakiness.failuresLeft.set(0);

        await().atMost(Duration.ofSeconds(30)).until(() -> status().get("ready").asBoolean());
        JsonNode status = status();
        assertThat(status.get("service").asString()).isEqualTo("chassis-sample");
        assertThat(status.get("deadLetters").valueStream()
                .filter(pending -> pending.get("topic").asString().equals(topic))
                .map(pending -> pending.get("pending").asLong()).findFirst())
                .as("the dead letters pending on %s in %s", topic, status).hasValueSatisfying(n -> assertThat(n).isPositive());
        assertThat(status.get("consumers").valueStream().map(consumer -> consumer.get("clientId").asString()))
                .as("the consumers in %s", status).isNotEmpty().allMatch(client -> !client.isBlank());
        assertThat(status.get("outbox").get("backlog").asLong()).isNotNegative();
        assertThat(api().get("/api/v1/ops/status", TestTokens.withRole(Roles.ORGANIZER)).statusCode())
                .as("an organizer").isEqualTo(403);
    }

    private JsonNode status() {
        var answer = api().get("/api/v1/ops/status", OPS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    /** Writes a note whose handling fails every attempt, and waits until the collector has kept it. */
    private String deadLetterFor(UUID note, String text) {
        flakiness.failuresLeft.set(1_000);
        String eventId = UUID.randomUUID().toString();
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("sample.note", note.toString(), eventId, CREATED,
                "{\"noteId\": \"" + note + "\", \"text\": \"" + text + "\"}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> pendingEntryOrNull(eventId) != null);
        return eventId;
    }

    private JsonNode pendingEntryFor(String eventId) {
        JsonNode entry = pendingEntryOrNull(eventId);
        assertThat(entry).as("dead letter of event %s", eventId).isNotNull();
        return entry;
    }

    private JsonNode pendingEntryOrNull(String eventId) {
        var page = api().get("/api/v1/ops/dead-letters?status=PENDING&size=100", OPS);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        for (JsonNode item : json.readTree(page.body()).get("items")) {
            if (eventId.equals(item.get("eventId").asString())) {
                return item;
            }
        }
        return null;
    }

    private double pendingGauge() {
        return meters.find("dead.letters.pending").gauges().stream().mapToDouble(g -> g.value()).sum();
    }

    private long effects(UUID note) {
        return jdbc.sql("select count(*) from note_effect where note_id = :note").param("note", note)
                .query(Long.class).single();
    }

    private ApiClient api() {
        return new ApiClient(port);
    }
}
