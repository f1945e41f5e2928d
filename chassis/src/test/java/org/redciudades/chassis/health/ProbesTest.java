package org.redciudades.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.FreePorts.freePort;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.ConnectionBurst;
import org.redciudades.chassis.testing.PausedDatabase;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.childprocess.KafkaBrokerProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The database and the broker really stop and start again (processes of this test's own): liveness stays
 * UP throughout, so nothing restarts a healthy process; readiness goes DOWN, so traffic goes elsewhere,
 * and comes back UP by itself. The {@code application_readiness} gauge follows readiness. A record that
 * arrives while the database is away waits for it, instead of being dead-lettered. A request that arrives
 * while the database is stopped, or paused so that it accepts connections but never answers, is answered
 * 503 with {@code Retry-After} instead of hanging or failing with a 500; and readiness says DOWN at once,
 * not after its checks' time-outs.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.hikari.connection-timeout=1000")
@ContextConfiguration(initializers = ProbesTest.OwnInfrastructure.class)
class ProbesTest {

    private static final Logger log = LoggerFactory.getLogger(ProbesTest.class);

    static final Path DIR = Path.of("target", "probes-" + UUID.randomUUID()).toAbsolutePath();
    static final KafkaBrokerProcess BROKER = new KafkaBrokerProcess(DIR.resolve("kafka"), "127.0.0.1", freePort(),
            freePort(), DIR.resolve("kafka.log"));
    static final Duration BROKER_READY = Duration.ofSeconds(90);
    static final int POSTGRES_PORT = freePort();
    static EmbeddedPostgres postgres;

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    @Test
    void when_the_database_stops_readiness_goes_down_while_liveness_stays_up_and_both_are_up_once_it_is_back()
            throws IOException {
        awaitReadiness(200);

        postgres.close();
        awaitReadiness(503);
        assertReadinessSaysDownWellWithinASecond();
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(readinessGauge()).isEqualTo("0.0");

        startPostgres();
        awaitReadiness(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(readinessGauge()).isEqualTo("1.0");
    }

    @Test
    void when_the_broker_stops_readiness_goes_down_while_liveness_stays_up_and_both_are_up_once_it_is_back()
            throws Exception {
        awaitReadiness(200);

        BROKER.stop();
        awaitReadiness(503);
        assertReadinessSaysDownWellWithinASecond();
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        BROKER.start().awaitReady(BROKER_READY);
        awaitReadiness(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void a_record_that_arrives_while_the_database_is_down_waits_for_it_and_is_applied_once_not_dead_lettered()
            throws IOException {
        awaitReadiness(200);
        UUID note = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String created = "org.redciudades.sample.note.created.v1";

        postgres.close();
        write(BROKER.bootstrapServers(), cloudEvent("sample.note", note.toString(), eventId, created,
                "{\"noteId\": \"" + note + "\", \"text\": \"during the outage\"}"));
        // Five waits (0.5 + 1 + 2 + 4 + 5 s, each after a 1 s connection timeout) outlast the binder's own
        // retries (4 attempts in about 7.5 s), after which the record would have been dead-lettered.
        await().atMost(Duration.ofSeconds(60)).until(() -> databaseWaits() >= 5);
        startPostgres();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> effects(note) == 1);
        assertThat(jdbc.sql("select count(*) from dead_letter where event_id = :id").param("id", eventId)
                .query(Long.class).single()).isZero();
        assertThat(meters.find("inbox.events").tag("outcome", "rejected").counters())
                .allMatch(counter -> counter.count() == 0);
    }

    @Test
    void while_the_database_is_stopped_a_request_is_answered_503_with_retry_after_and_succeeds_once_it_is_back()
            throws IOException {
        awaitReadiness(200);

        postgres.close();
        assertServiceUnavailable(createNote("while the database is stopped"));

        startPostgres();
        await().atMost(Duration.ofSeconds(60)).until(() -> createNote("once it is back").status() == 200);
    }

    @Test
    void while_the_database_is_paused_a_request_is_answered_503_with_retry_after_instead_of_waiting_for_it()
            throws Exception {
        awaitReadiness(200);
        assertThat(createNote("before the pause").status()).isEqualTo(200);

        try (PausedDatabase paused = PausedDatabase.pause(DIR.resolve("postgres"))) {
            assertServiceUnavailable(createNote("while the database is paused"));
            awaitReadiness(503);
            assertReadinessSaysDownWellWithinASecond();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> createNote("after the pause").status() == 200);
    }

    /**
     * One request on a connection of its own, which gives up after a minute: a request that hangs for as
     * long as the database is away fails the test instead of waiting with it.
     */
    private ConnectionBurst.Answer createNote(String text) {
        ConnectionBurst.Answer answer = ConnectionBurst.fire("127.0.0.1", port,
                List.of(ConnectionBurst.Request.post("/api/v1/notes", null, "{\"text\": \"" + text + "\"}")),
                Duration.ofMinutes(1)).getFirst();
        assertThat(answer.answered()).as("answered: %s", answer).isTrue();
        return answer;
    }

    private static void assertServiceUnavailable(ConnectionBurst.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.retryAfter()).isEqualTo("3");
        assertThat(TestJson.read(answer.body()).get("type").asString())
                .isEqualTo("https://redciudades.org/problems/service-unavailable");
    }

    /**
     * A Kubernetes probe gives up after 1 s by default: readiness must say DOWN well within that, however long
     * its checks wait for the database or the broker. The one timing bound in the suite, generous on purpose.
     */
    private void assertReadinessSaysDownWellWithinASecond() {
        long began = System.nanoTime();
        int status = get("/actuator/health/readiness").statusCode();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        log.info("Readiness said {} in {} ms", status == 503 ? "DOWN" : status, took.toMillis());
        assertThat(status).isEqualTo(503);
        assertThat(took).as("time readiness took to say DOWN").isLessThan(Duration.ofMillis(1500));
    }

    private double databaseWaits() {
        return meters.counter("inbox.database.waits", "consumer", "note-effects").count();
    }

    private long effects(UUID note) {
        return jdbc.sql("select count(*) from note_effect where note_id = :note").param("note", note)
                .query(Long.class).single();
    }

    @AfterAll
    static void stopInfrastructure() throws IOException {
        BROKER.stop();
        postgres.close();
    }

    private void awaitReadiness(int status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/actuator/health/readiness").statusCode() == status);
    }

    private String readinessGauge() {
        String metrics = new ApiClient(port).get("/actuator/prometheus", TestTokens.withRole(Roles.OPS)).body();
        return metrics.lines().filter(line -> line.startsWith("application_readiness{"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse("missing");
    }

    private java.net.http.HttpResponse<String> get(String path) {
        return new ApiClient(port).get(path, null);
    }

    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setPort(POSTGRES_PORT).setDataDirectory(DIR.resolve("postgres"))
                .setCleanDataDirectory(false).start();
    }

    /** A database and a broker for this class alone, since it stops them. */
    static class OwnInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                startPostgres();
                BROKER.start().awaitReady(BROKER_READY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            TestPropertyValues.of(
                    "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username=postgres",
                    "spring.datasource.password=postgres",
                    "spring.cloud.stream.kafka.binder.brokers=" + BROKER.bootstrapServers()
            ).and(TestTokens.properties()).applyTo(context);
        }
    }
}
