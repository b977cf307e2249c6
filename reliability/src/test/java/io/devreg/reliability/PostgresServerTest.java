package io.devreg.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The outage tests rely on this: a stopped server refuses connections, a restarted one has its data. */
class PostgresServerTest {

    @Test
    void aRestartedServerServesTheSameDataOnTheSamePort() throws SQLException {
        try (PostgresServer server = PostgresServer.start()) {
            DataSource dataSource = server.dataSource();
            execute(dataSource, "CREATE TABLE kept (v INT)");
            execute(dataSource, "INSERT INTO kept VALUES (42)");

            server.stop();
            assertThatThrownBy(() -> execute(dataSource, "SELECT 1")).isInstanceOf(SQLException.class);
            server.startAgain();

            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT v FROM kept")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(42);
            }
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
