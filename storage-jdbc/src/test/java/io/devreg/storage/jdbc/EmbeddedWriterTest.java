package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.spi.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's writer: its statements prepared once, every write its own committed
 * transaction, and a failed write rolled back and followed by a fresh connection.
 */
class EmbeddedWriterTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final TransactionRunner runner;

    EmbeddedWriterTest() {
        dataSource.setURL("jdbc:h2:mem:writer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        runner = TransactionRunner.serializingWrites(dataSource);
    }

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void aStatementIsPreparedOnceAndClosedWithItsConnection() throws SQLException {
        PreparedOnce builder = new PreparedOnce();
        try (Connection connection = dataSource.getConnection();
                Handle handle = Jdbi.create(dataSource).open()) {
            StatementContext ctx = handle.createQuery("SELECT 1").getContext(); // as Jdbi passes it: no generated keys
            PreparedStatement first = builder.create(connection, "SELECT 1", ctx);

            assertThat(builder.create(connection, "SELECT 1", ctx)).isSameAs(first);
            builder.close(connection, "SELECT 1", first);
            assertThat(first.isClosed()).as("kept for its next use").isFalse();

            first.close(); // as Jdbi closes a statement whose execution failed
            PreparedStatement again = builder.create(connection, "SELECT 1", ctx);
            assertThat(again).isNotSameAs(first);

            builder.close(connection);
            assertThat(again.isClosed()).isTrue();
        }
    }

    @Test
    void writesShareOneConnectionAndAFailedWriteLeavesNothingAndIsFollowedByAFreshConnection() throws SQLException {
        try (Connection observer = dataSource.getConnection(); Statement ddl = observer.createStatement()) {
            ddl.execute("CREATE TABLE t (x INT PRIMARY KEY)");
            List<Connection> used = new ArrayList<>();

            // given two writes that commit on the writer's connection
            for (int x = 1; x <= 2; x++) {
                int value = x;
                runner.transaction(() -> "insert " + value, handle -> {
                    used.add(handle.getConnection());
                    return handle.createUpdate("INSERT INTO t VALUES (:x)").bind("x", value).execute();
                });
            }
            assertThat(used.get(1)).isSameAs(used.get(0));
            assertThat(rows(observer)).containsExactly(1, 2);

            // when a write inserts a row, then fails
            assertThatThrownBy(() -> runner.transaction(() -> "fail on purpose", handle -> {
                used.add(handle.getConnection());
                handle.createUpdate("INSERT INTO t VALUES (3)").execute();
                return handle.createQuery("SELECT no_such_column FROM t").mapTo(Integer.class).one();
            })).isInstanceOf(StorageException.class).hasMessageStartingWith("Could not fail on purpose")
                    .satisfies(e -> assertThat(((StorageException) e).outcomeUnknown()).isFalse());

            // then its row was rolled back and its connection closed
            assertThat(rows(observer)).containsExactly(1, 2);
            assertThat(used.get(2).isClosed()).isTrue();

            // and the next write runs on a new connection and is committed when it returns
            runner.transaction(() -> "insert 4", handle -> {
                used.add(handle.getConnection());
                return handle.createUpdate("INSERT INTO t VALUES (4)").execute();
            });
            assertThat(used.get(3)).isNotSameAs(used.get(2));
            assertThat(rows(observer)).containsExactly(1, 2, 4);

            runner.close();
            assertThat(used.get(3).isClosed()).isTrue();
        }
    }

    private static List<Integer> rows(Connection connection) throws SQLException {
        List<Integer> rows = new ArrayList<>();
        try (Statement query = connection.createStatement();
                ResultSet result = query.executeQuery("SELECT x FROM t ORDER BY x")) {
            while (result.next()) {
                rows.add(result.getInt(1));
            }
        }
        return rows;
    }
}
