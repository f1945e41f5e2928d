package org.redciudades.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.KafkaBrokerProcess;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The database and the broker really stop and start again (processes of this test's own): liveness stays
 * UP throughout, so nothing restarts a healthy process; readiness goes DOWN, so traffic goes elsewhere,
 * and comes back UP by itself. The {@code application_readiness} gauge follows readiness.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ProbesTest.OwnInfrastructure.class)
class ProbesTest {

    static final Path DIR = Path.of("target", "probes-" + UUID.randomUUID()).toAbsolutePath();
    static final KafkaBrokerProcess BROKER = new KafkaBrokerProcess(DIR.resolve("kafka"), freePort(), freePort());
    static final int POSTGRES_PORT = freePort();
    static EmbeddedPostgres postgres;

    @LocalServerPort
    int port;

    @Test
    void when_the_database_stops_readiness_goes_down_while_liveness_stays_up_and_both_are_up_once_it_is_back()
            throws IOException {
        awaitReadiness(200);

        postgres.close();
        awaitReadiness(503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(readinessGauge()).isEqualTo("0.0");

        startPostgres();
        awaitReadiness(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(readinessGauge()).isEqualTo("1.0");
    }

    @Test
    void when_the_broker_stops_readiness_goes_down_while_liveness_stays_up_and_both_are_up_once_it_is_back() {
        awaitReadiness(200);

        BROKER.stop();
        awaitReadiness(503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        BROKER.start();
        awaitReadiness(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A database and a broker for this class alone, since it stops them. */
    static class OwnInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                startPostgres();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BROKER.start();
            TestPropertyValues.of(
                    "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username=postgres",
                    "spring.datasource.password=postgres",
                    "spring.cloud.stream.kafka.binder.brokers=" + BROKER.bootstrapServers()
            ).and(TestTokens.properties()).applyTo(context);
        }
    }
}
