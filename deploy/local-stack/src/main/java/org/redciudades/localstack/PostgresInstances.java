package org.redciudades.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Embedded PostgreSQL servers (zonky), each with its own persistent data directory {@code <dataRoot>/<name>},
 * port and database. A data directory that already holds a cluster is reused as is (no initdb).
 */
public final class PostgresInstances implements AutoCloseable {

    public static final String USER = "postgres";
    /** The servers trust local connections, so any password works; this is the one the services are given. */
    public static final String PASSWORD = "postgres";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    private static final Duration LEFTOVER_APPEAR_WAIT = Duration.ofSeconds(2);

    public record Spec(String name, int port, String database) {
    }

    public record Instance(Spec spec, Path dataDirectory, boolean createdDatabase) {

        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(spec.port(), spec.database());
        }

        /** The postmaster's pid (0 when it is not running). */
        public long postmasterPid() {
            return PostgresInstances.postmasterPid(dataDirectory);
        }
    }

    private final Path dataRoot;
    private final Path logsDir;
    private record Server(EmbeddedPostgres postgres, Path dataDirectory) {
    }

    private final List<Server> servers = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();

    public PostgresInstances(Path dataRoot, Path logsDir) {
        this.dataRoot = dataRoot;
        this.logsDir = logsDir;
    }

    /**
     * Starts one server (server output appended to {@code <logsDir>/pg-<name>.log}) and creates its database if missing.
     */
    public synchronized Instance start(Spec spec) throws IOException, SQLException {
        var dataDirectory = dataRoot.resolve(spec.name()).toAbsolutePath();
        var log = logsDir.resolve("pg-" + spec.name() + ".log").toFile();
        Files.createDirectories(dataDirectory);
        Files.createDirectories(logsDir);
        boolean runningBefore = runningPostmaster(dataDirectory).isPresent();
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // close() stops the servers, in the order the caller chooses
                    .setPort(spec.port())
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException | RuntimeException e) {
            if (!runningBefore) {
                stopLeftoverServer(dataDirectory);
            }
            throw e;
        }
        servers.add(new Server(postgres, dataDirectory)); // before anything else can fail, so that close() stops it
        var instance = new Instance(spec, dataDirectory, createDatabaseIfMissing(postgres, spec.database()));
        instances.add(instance);
        return instance;
    }

    private static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) {
        return ProcessHandle.of(postmasterPid(dataDirectory))
                .filter(process -> process.info().command().orElse("").endsWith("/postgres"));
    }

    /**
     * zonky launches the server, then waits for it: when that wait fails or is interrupted (a stop request during
     * startup), the server is left running, perhaps before it has written postmaster.pid.
     */
    private static void stopLeftoverServer(Path dataDirectory) {
        boolean interrupted = Thread.interrupted();
        try {
            long deadline = System.nanoTime() + LEFTOVER_APPEAR_WAIT.toNanos();
            var postmaster = runningPostmaster(dataDirectory);
            while (postmaster.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                postmaster = runningPostmaster(dataDirectory);
            }
            postmaster.ifPresent(PostgresInstances::smartShutdown);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM: a smart shutdown, which is immediate with no client connected. */
    private static void smartShutdown(ProcessHandle postmaster) {
        postmaster.destroy();
        postmaster.onExit().completeOnTimeout(postmaster, 10, TimeUnit.SECONDS).join();
    }

    /** From the first line of postmaster.pid; 0 when there is none. */
    private static long postmasterPid(Path dataDirectory) {
        try (var lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::strip).map(Long::parseLong).orElse(0L);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static boolean createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws SQLException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (var rows = exists.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
            return true;
        }
    }

    public synchronized List<Instance> instances() {
        return List.copyOf(instances);
    }

    /** Stops every server (pg_ctl stop -m fast), most recently started first. */
    @Override
    public synchronized void close() {
        for (var server : servers.reversed()) {
            try {
                server.postgres().close();
            } catch (IOException e) {
                // checked below
            }
            // zonky only logs a pg_ctl failure, e.g. when Ctrl-C also reached a pg_ctl that was starting the server
            runningPostmaster(server.dataDirectory()).ifPresent(PostgresInstances::smartShutdown);
        }
        servers.clear();
        instances.clear();
    }
}
