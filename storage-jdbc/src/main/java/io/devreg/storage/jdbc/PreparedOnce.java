package io.devreg.storage.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A Jdbi {@link StatementBuilder} for a long-lived handle: each SQL text is prepared once on the
 * handle's connection and kept for its next use, until the handle closes. The embedded store's
 * writer uses it: profiling showed H2 parsing every statement of a transition again when it was
 * prepared anew (H2's session query cache does not keep these statements), which cost more than
 * the write itself. A statement that returns generated keys is prepared so, and kept apart from the
 * same text prepared without. Its handle is used by one thread at a time, so this is not thread-safe.
 */
final class PreparedOnce implements StatementBuilder {

    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final Map<String, PreparedStatement> returningKeys = new HashMap<>();

    @Override
    public Statement create(Connection connection, StatementContext ctx) throws SQLException {
        return connection.createStatement();
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext ctx) throws SQLException {
        String[] keys = ctx.isReturningGeneratedKeys() ? ctx.getGeneratedKeysColumnNames() : null;
        Map<String, PreparedStatement> kept = keys == null ? prepared : returningKeys;
        PreparedStatement statement = kept.get(sql);
        if (statement == null || statement.isClosed()) { // Jdbi closes a statement whose execution failed
            statement = keys == null ? connection.prepareStatement(sql)
                    : keys.length == 0 ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                    : connection.prepareStatement(sql, keys);
            kept.put(sql, statement);
        }
        return statement;
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext ctx) throws SQLException {
        return connection.prepareCall(sql);
    }

    /** Keeps a prepared statement for its next use; closes any other. */
    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
        if (statement instanceof CallableStatement || !(statement instanceof PreparedStatement)) {
            statement.close();
        }
    }

    /** Closes every statement kept. */
    @Override
    public void close(Connection connection) {
        for (Map<String, PreparedStatement> kept : List.of(prepared, returningKeys)) {
            for (PreparedStatement statement : kept.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    // the connection closes next, and with it whatever is left
                }
            }
            kept.clear();
        }
    }
}
