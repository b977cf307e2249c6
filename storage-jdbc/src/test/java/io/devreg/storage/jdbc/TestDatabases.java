package io.devreg.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.testsupport.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The databases the tests run on: one real PostgreSQL server per test JVM
 * ({@link EmbeddedPostgresServer#shared()}), one H2 in-memory database, and fresh directories for
 * embedded stores.
 * Stores on a shared database get a table prefix of their own, which isolates them as well as a
 * database of their own would, at the cost of a few DDL statements.
 */
final class TestDatabases {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final Path EMBEDDED_ROOT = Path.of("target", "embedded-stores");

    private TestDatabases() {
    }

    /** A table prefix no other store of this JVM uses. */
    static String freshPrefix() {
        return "t" + PREFIXES.incrementAndGet() + "_";
    }

    /** A new, empty directory for an embedded store. */
    static Path freshDirectory() {
        try {
            Files.createDirectories(EMBEDDED_ROOT);
            return Files.createTempDirectory(EMBEDDED_ROOT, "store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared pool of {@code dialect}: {@link #postgres()} or {@link #h2InMemory()}. */
    static DataSource of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? postgres() : h2InMemory();
    }

    /** The rows {@code sql} returns on the shared pool of {@code dialect}, each as its columns joined by a space. */
    static List<String> rows(Dialect dialect, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = of(dialect).getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column == 1 ? "" : " ").append(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Runs {@code sql}, a statement that returns no rows, on the shared pool of {@code dialect}. */
    static void update(Dialect dialect, String sql) throws SQLException {
        try (Connection connection = of(dialect).getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** The shared pool on the test JVM's PostgreSQL server. */
    static DataSource postgres() {
        return Postgres.POOL;
    }

    /** A new pool on the test JVM's PostgreSQL server, configured further by {@code settings}; the caller closes it. */
    static HikariDataSource newPostgresPool(Consumer<HikariConfig> settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(EmbeddedPostgresServer.shared().jdbcUrl());
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setMaximumPoolSize(10);
        settings.accept(config);
        return new HikariDataSource(config);
    }

    /** The shared pool on the test JVM's H2 in-memory database. */
    static DataSource h2InMemory() {
        return H2.POOL;
    }

    /** A new pool on the test JVM's H2 in-memory database, configured further by {@code settings}. */
    static HikariDataSource newH2Pool(Consumer<HikariConfig> settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(H2.URL);
        config.setMaximumPoolSize(10);
        settings.accept(config);
        return new HikariDataSource(config);
    }

    /** A new pool on the test JVM's database of {@code dialect}; the caller closes it. */
    static HikariDataSource newPool(Dialect dialect, Consumer<HikariConfig> settings) {
        return dialect == Dialect.POSTGRESQL ? newPostgresPool(settings) : newH2Pool(settings);
    }

    private static final class Postgres {
        static final HikariDataSource POOL = newPostgresPool(config -> config.setMaximumPoolSize(12));
    }

    private static final class H2 {
        static final String URL = "jdbc:h2:mem:devreg-tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        static final HikariDataSource POOL = newH2Pool(config -> config.setMaximumPoolSize(12));
    }
}
