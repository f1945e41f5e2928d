package org.redciudades.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.sample.SampleApplication.Mishaps;
import org.redciudades.chassis.testing.ConnectionBurst;
import org.redciudades.chassis.testing.ConnectionBurst.Answer;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@code Idempotency-Key} against a real PostgreSQL: a key's claim commits or rolls back with the work it
 * guards, so a client that retries after a failure, or after the instance died mid-request, gets its
 * request processed once, and a client that retries after a step that did commit gets that step's answer.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class IdempotencyTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Mishaps mishaps;

    @Test
    void a_retry_after_the_instance_died_mid_request_is_processed_as_if_the_first_had_never_come() throws Exception {
        String text = "dies-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        mishaps.dieAfterWork(text);

        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> send(note(text, key)));
        try {
            long session = mishaps.awaitDeath();
            // What the database sees when an instance is killed (kill -9) mid-request: its session ends (this
            // waits until it has).
            jdbc.sql("select pg_terminate_backend(cast(:pid as integer), 10000)").param("pid", session).query(Boolean.class).single();

            Answer retry = send(note(text, key));

            assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
            assertThat(notes(text)).as("notes written").isEqualTo(1);
            Answer again = send(note(text, key));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(retry.body());
        } finally {
            mishaps.revive();
            first.join();
        }
    }

    @Test
    void a_request_that_fails_leaves_no_claim_and_its_retry_is_processed_normally() {
        String text = "fails-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        mishaps.failOnce(text);

        Answer failed = send(note(text, key));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(claims(key)).as("claims left behind").isZero();
        assertThat(notes(text)).isZero();

        Answer retry = send(note(text, key));
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.retryAfter()).isNull();
        assertThat(notes(text)).isEqualTo(1);
    }

    @Test
    void a_retry_of_a_step_that_committed_gets_the_same_status_and_body_and_runs_nothing() {
        String text = "commits-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Answer first = send(note(text, key));
        Answer retry = send(note(text, key));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(notes(text)).isEqualTo(1);
    }

    @Test
    void a_refusal_whose_work_was_rolled_back_is_kept_and_given_again_to_a_retry() {
        String text = "refuse-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Answer first = send(note(text, key));
        Answer retry = send(note(text, key));

        assertThat(first.status()).as(first.toString()).isEqualTo(409);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(notes(text)).isZero();
        assertThat(jdbc.sql("select status from idempotency_key where key = :key").param("key", key)
                .query(Integer.class).single()).isEqualTo(409);
    }

    @Test
    void twenty_simultaneous_requests_with_one_key_have_one_effect_and_one_answer() {
        String text = "crowd-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        List<Answer> answers = ConnectionBurst.fire("127.0.0.1", port,
                IntStream.range(0, 20).mapToObj(i -> note(text, key)).toList(), Duration.ofMinutes(1));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isIn(200, 409));
        List<String> bodies = answers.stream().filter(a -> a.status() == 200).map(Answer::body).distinct().toList();
        assertThat(bodies).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409).allSatisfy(answer ->
                assertThat(TestJson.read(answer.body()).get("type").asString())
                        .isEqualTo("https://redciudades.org/problems/idempotency-key-in-progress"));
        assertThat(notes(text)).isEqualTo(1);
    }

    private static ConnectionBurst.Request note(String text, String key) {
        return ConnectionBurst.Request.post("/api/v1/notes", null, "{\"text\": \"" + text + "\"}")
                .with("Idempotency-Key", key);
    }

    private Answer send(ConnectionBurst.Request request) {
        Answer answer = ConnectionBurst.fire("127.0.0.1", port, List.of(request), Duration.ofMinutes(1)).getFirst();
        assertThat(answer.answered()).as("answered: %s", answer).isTrue();
        return answer;
    }

    private long notes(String text) {
        return jdbc.sql("select count(*) from note where text = :text").param("text", text).query(Long.class).single();
    }

    private long claims(String key) {
        return jdbc.sql("select count(*) from idempotency_key where key = :key").param("key", key).query(Long.class).single();
    }
}
