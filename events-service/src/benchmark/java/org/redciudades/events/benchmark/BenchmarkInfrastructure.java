package org.redciudades.events.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The test suite's {@link RealInfrastructure}, whose embedded PostgreSQL runs with {@code fsync} and
 * {@code synchronous_commit} off, as fits tests. With {@code -Dbenchmark.durable=true} the service gets
 * instead a PostgreSQL of its own that flushes every commit to disk, as production does; Kafka and the
 * trusted tokens are the same either way.
 */
public class BenchmarkInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final boolean DURABLE = Boolean.getBoolean("benchmark.durable");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!DURABLE) {
            new RealInfrastructure().initialize(context);
            return;
        }
        TestPropertyValues.of(
                "spring.datasource.url=" + durableDatabase(),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "spring.cloud.stream.kafka.binder.brokers=" + RealInfrastructure.kafkaBrokers()
        ).and(TestTokens.properties()).applyTo(context);
    }

    private static String durableDatabase() {
        try {
            // The -c settings come after zonky's -F (fsync off) on the server's command line, so they win.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("create database benchmark");
            }
            return postgres.getJdbcUrl("postgres", "benchmark");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
