package io.devreg.storage.jdbc;

import io.devreg.spi.StorageException;
import java.sql.SQLException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a database failure means, from its SQLState and from how far the operation had got, and the
 * {@link StorageException} that says so.
 */
final class Failures {

    /** How far an operation had got when it failed. */
    enum Phase {
        /** Getting a connection: nothing was sent. */
        CONNECT,
        /** Running statements: a transaction is rolled back; an auto-committed statement may have committed. */
        STATEMENT,
        /** In or after the commit: the commit may have happened. */
        COMMIT
    }

    /**
     * The SQLStates of a transaction the database ended to resolve a conflict, leaving nothing behind,
     * which may well succeed when run again: serialization failure (both databases; H2 also reports
     * a deadlock so), PostgreSQL's deadlock and lock-wait timeout ({@code lock_timeout}), H2's
     * lock-wait timeout ({@code LOCK_TIMEOUT}). A statement timeout (57014) is not among them: the
     * caller set a bound, and running again would exceed it.
     */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "55P03", "HYT00");

    private static final String UNKNOWN_OUTCOME = "; its outcome is unknown: read the device or its history to learn"
            + " whether it was applied";

    private Failures() {
    }

    /**
     * The exception for {@code e}, which {@code what} (an infinitive: "register ...") met in
     * {@code phase}; {@code outcomeUnknown} when the write may have committed.
     */
    static StorageException of(String what, Phase phase, boolean outcomeUnknown, Exception e) {
        String state = sqlState(e);
        String reason = switch (phase) {
            case CONNECT -> "no database connection";
            case COMMIT -> "the commit failed";
            case STATEMENT -> reason(state);
        };
        return new StorageException("Could not " + what + ": " + reason + " (" + detail(e, state) + ")"
                + (outcomeUnknown ? UNKNOWN_OUTCOME : ""), e, outcomeUnknown);
    }

    private static String reason(@Nullable String state) {
        if (state != null && state.startsWith("08")) {
            return "the database connection failed";
        }
        if ("57014".equals(state) || "HYT00".equals(state) || "55P03".equals(state)) {
            return "the database timed out";
        }
        if ("90020".equals(state)) {
            return "the embedded database is in use by another process (an embedded H2 database serves one process;"
                    + " use PostgreSQL for several)";
        }
        return "the database failed";
    }

    /** Whether the database ended the transaction to resolve a conflict and running it again may succeed. */
    static boolean isRetryable(Exception e) {
        String state = sqlState(e);
        return state != null && RETRYABLE.contains(state);
    }

    /** Whether the connection broke (SQLState class 08): the database's answer, if any, was lost. */
    static boolean isConnectionLoss(Exception e) {
        String state = sqlState(e);
        return state != null && state.startsWith("08");
    }

    /** Whether {@code e} is a unique-index violation. */
    static boolean isDuplicateKey(Exception e) {
        return "23505".equals(sqlState(e));
    }

    /** The SQLState of the first {@link SQLException} among the causes, if any. */
    static @Nullable String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String detail(Exception e, @Nullable String state) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                root = t;
                break;
            }
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return (state == null ? "" : "SQLState " + state + ": ") + message.strip();
    }
}
