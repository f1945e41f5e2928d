package org.redciudades.chassis.testing.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.redciudades.chassis.testing.RealInfrastructure;

/**
 * Which statements PostgreSQL spent its time on, from {@code pg_stat_statements}, when the embedded server loads it
 * ({@code -Dbenchmark.statements=true}, {@link RealInfrastructure#STATEMENT_STATISTICS}); otherwise it does nothing.
 * Execution time only: parsing, planning and the protocol's round trips are not in it.
 */
public final class StatementStatistics {

    private StatementStatistics() {
    }

    /** Forgets what was counted so far. */
    public static void reset() throws SQLException {
        if (RealInfrastructure.STATEMENT_STATISTICS) {
            try (Connection db = postgres(); Statement query = db.createStatement()) {
                query.execute("select pg_stat_statements_reset()");
            }
        }
    }

    /**
     * The {@code limit} statements with the most execution time since the reset, one line each: database, calls,
     * total and mean time, rows, and the statement's start; per {@code units} (registrations, say) too.
     */
    public static List<String> top(int limit, long units) throws SQLException {
        List<String> lines = new ArrayList<>();
        if (!RealInfrastructure.STATEMENT_STATISTICS) {
            return lines;
        }
        try (Connection db = postgres(); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("""
                     select d.datname, s.calls, s.total_exec_time, s.rows,
                            left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110) as text,
                            sum(s.total_exec_time) over () as all_time
                     from pg_stat_statements s join pg_database d on d.oid = s.dbid
                     order by s.total_exec_time desc limit\s""" + limit)) {
            while (rows.next()) {
                if (lines.isEmpty()) {
                    lines.add(String.format(Locale.ROOT, "PostgreSQL's execution time, all statements: %.0f ms, %.3f ms per unit",
                            rows.getDouble("all_time"), rows.getDouble("all_time") / units));
                }
                lines.add(String.format(Locale.ROOT, "  %-22s %8d calls %9.0f ms (%.3f ms a call, %.3f ms per unit) %8d rows  %s",
                        rows.getString("datname"), rows.getLong("calls"), rows.getDouble("total_exec_time"),
                        rows.getDouble("total_exec_time") / Math.max(1, rows.getLong("calls")),
                        rows.getDouble("total_exec_time") / units, rows.getLong("rows"), rows.getString("text")));
            }
        }
        return lines;
    }

    private static Connection postgres() throws SQLException {
        return DriverManager.getConnection(RealInfrastructure.postgresDatabaseUrl(), "postgres", "postgres");
    }
}
