package org.redciudades.events.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples what the service's database sessions are doing, every {@link #INTERVAL_MILLIS} ms on a
 * connection of its own (not one of the service's pool): waiting for a lock (in this benchmark, the event
 * row that every registration locks), running a statement, or idle in a transaction, that is holding
 * its locks while the service works between two statements.
 */
final class SessionSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 10;
    private static final String SAMPLE = """
            select count(*) filter (where wait_event_type = 'Lock') as waiting,
                   count(*) filter (where state = 'active' and wait_event_type is distinct from 'Lock') as running,
                   count(*) filter (where state like 'idle in transaction%') as in_transaction,
                   count(*) as sessions
            from pg_stat_activity
            where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
            """;

    private final Connection connection;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long samples;
    private long waiting;
    private long runningStatements;
    private long inTransaction;
    private long sessions;

    SessionSampler(String url, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(url, user, password);
        thread = Thread.ofPlatform().name("benchmark-session-sampler").daemon().start(this::sample);
    }

    private void sample() {
        try (PreparedStatement statement = connection.prepareStatement(SAMPLE)) {
            while (running.get()) {
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    synchronized (this) {
                        samples++;
                        waiting += rs.getLong("waiting");
                        runningStatements += rs.getLong("running");
                        inTransaction += rs.getLong("in_transaction");
                        sessions += rs.getLong("sessions");
                    }
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (SQLException | InterruptedException e) {
            // stop sampling
        }
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        thread.join();
        connection.close();
    }

    synchronized String describe() {
        if (samples == 0) {
            return "database sessions: not sampled";
        }
        double n = samples;
        return String.format(Locale.ROOT,
                "database sessions, on average (%d samples): %.1f waiting for a lock, %.1f running a statement, "
                        + "%.1f idle in a transaction, of %.1f open",
                samples, waiting / n, runningStatements / n, inTransaction / n, sessions / n);
    }
}
