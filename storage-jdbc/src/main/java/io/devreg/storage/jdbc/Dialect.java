package io.devreg.storage.jdbc;

import io.devreg.spi.StorageException;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** The databases {@link JdbcDeviceStore} supports; detected from the connection's metadata. */
public enum Dialect {
    /** H2 2.x, embedded or in memory. */
    H2("h2"),
    /** PostgreSQL 13 or later. */
    POSTGRESQL("postgresql");

    /** The oldest PostgreSQL major version devreg supports: its change feed needs {@code pg_current_xact_id()}. */
    static final int POSTGRESQL_MINIMUM_VERSION = 13;

    private final String directory;

    Dialect(String directory) {
        this.directory = directory;
    }

    /**
     * Fails unless H2's driver is on the class path, with a message that names the dependency to add;
     * for {@link JdbcDeviceStore#embedded}, before anything that needs H2 is loaded.
     */
    static void requireH2Driver() {
        try {
            Class.forName("org.h2.jdbcx.JdbcConnectionPool", false, Dialect.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new io.devreg.spi.StorageException("JdbcDeviceStore.embedded needs the H2 database on the class"
                    + " path: add the dependency com.h2database:h2 (2.5.252 or later)", e);
        }
    }

    /** The folder of this dialect's schema scripts inside the jar. */
    String scriptDirectory() {
        return "schema/" + directory + '/';
    }

    /**
     * The dialect of the database {@code metadata} describes.
     *
     * @throws StorageException if devreg does not support that database or its version
     */
    static Dialect of(DatabaseMetaData metadata) throws SQLException {
        String product = metadata.getDatabaseProductName();
        Dialect dialect = ofProductName(product).orElseThrow(() -> new StorageException(
                "devreg's JdbcDeviceStore supports H2 and PostgreSQL, not " + product));
        if (dialect == POSTGRESQL && metadata.getDatabaseMajorVersion() < POSTGRESQL_MINIMUM_VERSION) {
            throw new StorageException("devreg's JdbcDeviceStore needs PostgreSQL " + POSTGRESQL_MINIMUM_VERSION
                    + " or later (for pg_current_xact_id), not " + metadata.getDatabaseMajorVersion());
        }
        return dialect;
    }

    /** The dialect of a database by its JDBC product name, if devreg supports it. */
    static Optional<Dialect> ofProductName(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.startsWith("h2")) {
            return Optional.of(H2);
        }
        if (name.startsWith("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        return Optional.empty();
    }
}
