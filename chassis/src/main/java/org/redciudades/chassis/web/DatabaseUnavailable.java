package org.redciudades.chassis.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that says "the database cannot serve this request right now" from one that says
 * "this request is wrong" or "this code is wrong": no pooled connection free in time (a burst), no answer
 * in time (a paused or unreachable database), a lock not granted in time, a database shutting down or
 * starting. The same request may well succeed a few seconds later, so the API answers 503 with
 * {@code Retry-After} instead of 500.
 */
public final class DatabaseUnavailable {

    /**
     * SQLSTATEs that mean "not now": 57014 a statement timed out, 55P03 a lock was not granted in time,
     * 57P01 to 57P03 the server is shutting down or starting, 53300 it has no connection slot left, 40001
     * and 40P01 a serialization failure or a deadlock, whose transaction was rolled back whole. Class 08 (a
     * connection failure) is matched by its prefix.
     */
    private static final Set<String> NOT_NOW = Set.of("57014", "55P03", "57P01", "57P02", "57P03", "53300", "40001", "40P01");

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure}, or any of its causes, is the database being unavailable for now. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    // A commit or rollback that failed, typically on the connection a first failure broke.
                    || cause instanceof TransactionSystemException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || NOT_NOW.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
