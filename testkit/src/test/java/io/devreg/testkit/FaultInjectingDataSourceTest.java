package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault injector itself: each kind fails where it says, with the consequence it says. */
class FaultInjectingDataSourceTest {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private FaultInjectingDataSource faulty;

    @BeforeEach
    void createTable() throws SQLException {
        h2.setURL("jdbc:h2:mem:faults-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v INT)");
        }
        faulty = new FaultInjectingDataSource(h2, 1);
    }

    @Test
    void aFailedGetConnectionThrowsAndIsCounted() {
        faulty.inject(1.0, Set.of(DatabaseFault.GET_CONNECTION));

        assertThatThrownBy(faulty::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("GET_CONNECTION");
        assertThat(faulty.injected()).containsEntry(DatabaseFault.GET_CONNECTION, 1L);
    }

    @Test
    void aFailedStatementDoesNotRun() throws SQLException {
        try (Connection connection = faulty.getConnection(); Statement statement = connection.createStatement()) {
            faulty.inject(1.0, Set.of(DatabaseFault.STATEMENT));
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO t VALUES (1)"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(rows()).isZero();
        assertThat(faulty.injected()).containsEntry(DatabaseFault.STATEMENT, 1L);
    }

    @Test
    void aFailedCommitLeavesNothingAfterRollback() throws SQLException {
        try (Connection connection = faulty.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO t VALUES (1)");
            }
            faulty.inject(1.0, Set.of(DatabaseFault.COMMIT));
            assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class);
            connection.rollback();
        }
        assertThat(rows()).isZero();
    }

    @Test
    void aFaultAfterTheCommitThrowsButTheChangeIsThere() throws SQLException {
        try (Connection connection = faulty.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO t VALUES (1)");
            }
            faulty.inject(1.0, Set.of(DatabaseFault.AFTER_COMMIT));
            assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class);
            connection.rollback();
        }
        assertThat(rows()).isOne();
    }

    @Test
    void inAutoCommitModeAFaultAfterTheCommitStrikesAfterTheStatementRan() throws SQLException {
        faulty.inject(1.0, Set.of(DatabaseFault.AFTER_COMMIT));
        try (Connection connection = faulty.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO t VALUES (1)"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(rows()).isOne();
    }

    @Test
    void afterHealingNothingFails() throws SQLException {
        faulty.inject(1.0, Set.of(DatabaseFault.values()));
        faulty.heal();
        try (Connection connection = faulty.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO t VALUES (1)");
            connection.commit();
        }
        assertThat(rows()).isOne();
        assertThat(faulty.injectedTotal()).isZero();
    }

    private int rows() throws SQLException {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            result.next();
            return result.getInt(1);
        }
    }
}
