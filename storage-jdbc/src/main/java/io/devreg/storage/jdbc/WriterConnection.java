package io.devreg.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store's own connection for its hot writes, with each statement prepared once.
 *
 * <p>Why: the embedded store runs its writes one at a time anyway ({@link Transactions}), and
 * profiling showed a transition through Jdbi on a pooled connection paying, per statement, H2
 * parsing the SQL again (its session query cache does not keep these statements) plus Jdbi's
 * statement set-up. Held here, a statement is parsed once for the life of the store.
 *
 * <p>Only ever used under the store's write lock, so not thread-safe by itself. Auto-commit is off;
 * every use ends in a commit or a rollback. After any failure the connection is discarded, and the
 * next write opens a new one, so a broken connection never outlives the write that found it.
 */
final class WriterConnection implements AutoCloseable {

    private final DataSource dataSource;
    private @Nullable Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    WriterConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The open connection, opening it (auto-commit off) if there is none. */
    Connection connection() throws SQLException {
        Connection open = connection;
        if (open == null) {
            open = dataSource.getConnection();
            try {
                open.setAutoCommit(false);
            } catch (SQLException e) {
                closeQuietly(open, e);
                throw e;
            }
            connection = open;
        }
        return open;
    }

    /** {@code sql} prepared on the connection, once. The bound shapes are few: one per key kind and rule. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection().prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Closes the connection after a failure; the next write opens another. */
    void discard(Exception cause) {
        Connection open = connection;
        connection = null;
        statements.clear(); // closed with their connection
        if (open != null) {
            closeQuietly(open, cause);
        }
    }

    @Override
    public void close() throws SQLException {
        Connection open = connection;
        connection = null;
        statements.clear();
        if (open != null) {
            try {
                open.rollback(); // nothing is ever left open between writes; this only makes sure
            } finally {
                open.close();
            }
        }
    }

    private static void closeQuietly(Connection open, Exception cause) {
        try {
            open.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
