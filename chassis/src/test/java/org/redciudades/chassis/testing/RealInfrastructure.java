package org.redciudades.chassis.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.redciudades.chassis.config.ConsumerBindings;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Points a test application context at real infrastructure: one embedded PostgreSQL 18 server per test
 * JVM, with a fresh database per context, the JVM's global embedded KRaft broker (enabled by
 * {@code spring.kafka.global.embedded.enabled=true} in {@code junit-platform.properties}), and the JVM's
 * running identity provider ({@link TestIdentityProvider}) as the issuer of the tokens {@link TestTokens} gets.
 * <p>
 * Each context is also its own consumer group, as if it were a separate deployment: Spring keeps test
 * contexts alive between classes, and contexts sharing a group would split the partitions, so a record
 * written for one test could be consumed by another class's context.
 */
public class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /**
     * {@code -Dbenchmark.statements=true}: the embedded PostgreSQL loads {@code pg_stat_statements}, so that a
     * benchmark can say which statements its time went to (the extension is created in the {@code postgres} database).
     */
    public static final boolean STATEMENT_STATISTICS = Boolean.getBoolean("benchmark.statements");

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = "test_" + DATABASES.incrementAndGet();
        // The security matrix's expired tokens must outlive the services' clock skew: their clocks start now.
        TestTokens.prepareExpired(SecurityMatrix.ROLES.toArray(String[]::new));
        TestPropertyValues.of(
                "spring.datasource.url=" + createDatabase(database),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "spring.cloud.stream.kafka.binder.brokers=" + kafkaBrokers()
        ).and(TestTokens.properties()).and(ownConsumerGroups(context.getEnvironment(), database)).applyTo(context);
    }

    private static List<String> ownConsumerGroups(ConfigurableEnvironment environment, String suffix) {
        return ConsumerBindings.names(environment).stream().map(ConsumerBindings::groupProperty)
                .map(property -> property + "=" + environment.getProperty(property) + "-" + suffix)
                .toList();
    }

    /** The global embedded broker's bootstrap servers. */
    public static String kafkaBrokers() {
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        if (brokers == null) {
            throw new IllegalStateException(
                    "No embedded Kafka: set spring.kafka.global.embedded.enabled=true in junit-platform.properties");
        }
        return brokers;
    }

    /** The JDBC URL of the {@code postgres} database of the JVM's embedded PostgreSQL, once a database was created. */
    public static synchronized String postgresDatabaseUrl() {
        if (postgres == null) {
            throw new IllegalStateException("no embedded PostgreSQL yet: createDatabase starts it");
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Creates an empty database on the JVM's embedded PostgreSQL and returns its JDBC URL. */
    public static synchronized String createDatabase(String name) {
        try {
            if (postgres == null) {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (STATEMENT_STATISTICS) {
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                }
                postgres = builder.start();
                if (STATEMENT_STATISTICS) {
                    try (Connection connection = postgres.getPostgresDatabase().getConnection();
                         Statement statement = connection.createStatement()) {
                        statement.execute("create extension if not exists pg_stat_statements");
                    }
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("create database " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
