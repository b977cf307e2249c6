package io.devreg.storage.jdbc;

import io.devreg.spi.StorageException;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jspecify.annotations.Nullable;

/** Turns JDBC and Jdbi failures into {@link StorageException}s that say what happened. */
final class Failures {

    private static final String UNKNOWN_OUTCOME = "; its outcome is unknown: read the device or its history to learn"
            + " whether it was applied";

    private Failures() {
    }

    static StorageException of(String what, boolean write, Exception e) {
        String state = sqlState(e);
        String detail = detail(e, state);
        if (e instanceof ConnectionException) {
            return new StorageException("Could not " + what + ": no database connection (" + detail + ")", e);
        }
        if (e instanceof TransactionException) {
            return new StorageException("Could not " + what + ": the commit failed (" + detail + ")"
                    + (write ? UNKNOWN_OUTCOME : ""), e);
        }
        if (state != null && state.startsWith("08")) {
            return new StorageException("Could not " + what + ": the database connection failed (" + detail + ")"
                    + (write ? UNKNOWN_OUTCOME : ""), e);
        }
        if ("57014".equals(state) || "HYT00".equals(state)) {
            return new StorageException("Could not " + what + ": the database timed out (" + detail + ")", e);
        }
        if ("90020".equals(state)) {
            return new StorageException("Could not " + what + ": the embedded database is in use by another process"
                    + " (an embedded H2 database serves one process; use PostgreSQL for several) (" + detail + ")", e);
        }
        return new StorageException("Could not " + what + ": the database failed (" + detail + ")", e);
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

    /** Whether {@code e} is a unique-index violation. */
    static boolean isDuplicateKey(Throwable e) {
        return "23505".equals(sqlState(e));
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
