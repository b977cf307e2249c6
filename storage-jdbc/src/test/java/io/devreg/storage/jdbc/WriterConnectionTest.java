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
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's writer connection: statements prepared once, every write its own committed
 * transaction, and a failed write rolled back and followed by a fresh connection.
 */
class WriterConnectionTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    WriterConnectionTest() {
        dataSource.setURL("jdbc:h2:mem:writer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void aStatementIsPreparedOnceUntilTheConnectionIsDiscarded() throws SQLException {
        try (WriterConnection writer = new WriterConnection(dataSource)) {
            PreparedStatement first = writer.prepare("SELECT 1");

            assertThat(writer.prepare("SELECT 1")).isSameAs(first);
            assertThat(writer.connection().getAutoCommit()).isFalse();

            Connection before = writer.connection();
            writer.discard(new SQLException("a failure"));

            assertThat(before.isClosed()).isTrue();
            assertThat(writer.prepare("SELECT 1")).isNotSameAs(first);
            assertThat(writer.connection()).isNotSameAs(before);
        }
    }

    @Test
    void aFailedWriteLeavesNothingAndTheNextWriteCommitsOnAFreshConnection() throws SQLException {
        try (Connection observer = dataSource.getConnection(); Statement ddl = observer.createStatement()) {
            ddl.execute("CREATE TABLE t (x INT PRIMARY KEY)");
            Transactions transactions = Transactions.serializingWrites(Jdbi.create(dataSource), dataSource);
            List<Connection> used = new ArrayList<>();

            // given a write that inserts a row, then fails
            assertThatThrownBy(() -> transactions.writeOnWriter(() -> "fail on purpose", writer -> {
                used.add(writer.connection());
                writer.prepare("INSERT INTO t VALUES (1)").executeUpdate();
                return writer.prepare("SELECT no_such_column FROM t").executeQuery();
            })).isInstanceOf(StorageException.class).hasMessageContaining("Could not fail on purpose");

            // then its row was rolled back and its connection closed
            assertThat(rows(observer)).isEmpty();
            assertThat(used.get(0).isClosed()).isTrue();

            // and the next write runs on a new connection and is committed when it returns
            int inserted = transactions.writeOnWriter(() -> "insert", writer -> {
                used.add(writer.connection());
                return writer.prepare("INSERT INTO t VALUES (2)").executeUpdate();
            });
            assertThat(inserted).isEqualTo(1);
            assertThat(used.get(1)).isNotSameAs(used.get(0));
            assertThat(rows(observer)).containsExactly(2);

            transactions.closeWriter();
            assertThat(used.get(1).isClosed()).isTrue();
        }
    }

    private static List<Integer> rows(Connection connection) throws SQLException {
        List<Integer> rows = new ArrayList<>();
        try (Statement query = connection.createStatement(); ResultSet result = query.executeQuery("SELECT x FROM t")) {
            while (result.next()) {
                rows.add(result.getInt(1));
            }
        }
        return rows;
    }
}
