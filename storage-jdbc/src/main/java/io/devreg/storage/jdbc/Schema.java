package io.devreg.storage.jdbc;

import io.devreg.spi.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The devreg schema: per-dialect scripts in the jar ({@code schema/<dialect>/V<n>__*.sql}), and
 * the schema-version table that records which of them ran. A later release adds {@code V2__...}
 * and raises {@link #CURRENT_VERSION}; {@link SchemaMode#CREATE} then runs only the missing ones.
 *
 * <p>H2 commits each DDL statement by itself, so a process killed during a script leaves part of
 * it applied. Every H2 script must therefore be safe to run again ({@code IF NOT EXISTS}, rows
 * inserted only when missing) and record its version last: a script whose version row is missing
 * runs again in full and completes the schema. PostgreSQL runs a script in one transaction.
 */
final class Schema {

    /** The version this release of devreg reads and writes. */
    static final int CURRENT_VERSION = 1;

    private static final List<String> SCRIPTS = List.of("V1__devices.sql");

    /** Serializes schema creation on H2 inside this JVM (on PostgreSQL an advisory lock does it). */
    private static final Object H2_SCHEMA_LOCK = new Object();

    private final Dialect dialect;
    private final Tables tables;

    Schema(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.tables = tables;
    }

    /** The whole DDL of the current version, for users who manage the schema themselves. */
    String script() {
        StringBuilder text = new StringBuilder();
        for (int version = 1; version <= CURRENT_VERSION; version++) {
            text.append(script(version));
        }
        return text.toString();
    }

    /** Creates or migrates the schema; runs in the caller's transaction on {@code handle}. */
    void createOrMigrate(Handle handle) {
        if (dialect == Dialect.POSTGRESQL) {
            // One instance migrates; the others wait here and then find nothing to do.
            handle.createQuery("SELECT pg_advisory_xact_lock(:key)")
                    .bind("key", (long) ("devreg schema " + tables.prefix()).hashCode())
                    .mapTo(String.class).one(); // void, read as text
            migrateFrom(installedVersion(handle), handle);
        } else {
            synchronized (H2_SCHEMA_LOCK) {
                migrateFrom(installedVersion(handle), handle);
            }
        }
    }

    /** Fails unless the installed schema is the current version. */
    void validate(Handle handle) {
        int installed = installedVersion(handle);
        if (installed != CURRENT_VERSION) {
            throw new StorageException("The devreg schema with table prefix '" + tables.prefix() + "' is "
                    + (installed == 0 ? "missing" : "at version " + installed) + ", but this devreg needs version "
                    + CURRENT_VERSION + ". Apply JdbcDeviceStore.schemaScript(Dialect." + dialect
                    + ", \"" + tables.prefix() + "\") with your migration tool, or build the store with SchemaMode.CREATE.");
        }
    }

    private void migrateFrom(int installed, Handle handle) {
        if (installed > CURRENT_VERSION) {
            throw new StorageException("The devreg schema with table prefix '" + tables.prefix() + "' is at version "
                    + installed + ", newer than version " + CURRENT_VERSION + " of this devreg: upgrade devreg");
        }
        for (int version = installed + 1; version <= CURRENT_VERSION; version++) {
            for (String statement : statements(script(version))) {
                handle.execute(statement);
            }
        }
    }

    /** The highest version in the schema-version table; 0 when the table does not exist. */
    private int installedVersion(Handle handle) {
        boolean exists = dialect == Dialect.POSTGRESQL
                ? handle.createQuery("SELECT to_regclass(:table) IS NOT NULL")
                        .bind("table", tables.schemaVersion()).mapTo(Boolean.class).one()
                : handle.createQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                                + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = :table")
                        .bind("table", tables.schemaVersion().toUpperCase(Locale.ROOT)).mapTo(Integer.class).one() > 0;
        if (!exists) {
            return 0;
        }
        return handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM <schema_version>")
                .mapTo(Integer.class).one();
    }

    private String script(int version) {
        String resource = dialect.scriptDirectory() + SCRIPTS.get(version - 1);
        try (InputStream in = Schema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The devreg jar lacks its schema script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", tables.prefix());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the schema script " + resource, e);
        }
    }

    /** The statements of a script: separated by ';' at the end of a line; comment lines dropped. */
    private static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }
}
