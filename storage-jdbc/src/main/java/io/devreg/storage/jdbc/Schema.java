package io.devreg.storage.jdbc;

import io.devreg.spi.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The devreg schema: versioned migration scripts per dialect in the jar
 * ({@code schema/<dialect>/V<version>__<name>.sql}, listed in {@link #MIGRATIONS}), and the
 * schema-version table that records which of them ran. {@link SchemaMode#CREATE} runs, in version
 * order, every listed script whose version is not recorded, each statement as
 * {@link SqlScript#statements} splits it; {@link SchemaMode#VALIDATE} names those it would run.
 *
 * <p>To add version {@code n}: a script {@code V<n>__<name>.sql} for each dialect, whose last
 * statement records its version ({@code INSERT INTO ${prefix}schema_version ...}; {@code ${prefix}}
 * stands for the table prefix), and its {@link Migration} at the end of {@link #MIGRATIONS}. Never
 * change a script once released: a database it wrote must still open.
 *
 * <p>H2 commits each DDL statement by itself, so a process killed during a script leaves part of
 * it applied. Every H2 script must therefore be safe to run again ({@code IF NOT EXISTS}, rows
 * inserted only when missing) and record its version last: a script whose version is not recorded
 * runs again in full and completes the schema. PostgreSQL runs the migration in one transaction.
 * Stores that start at once take turns (see {@link Statements#underSchemaLock}).
 */
final class Schema {

    /** One migration: the scripts {@code V<version>__<name>.sql} of every dialect. */
    record Migration(int version, String name) {
        String file() {
            return "V" + version + "__" + name + ".sql";
        }

        @Override
        public String toString() {
            return version + " (" + file() + ")";
        }
    }

    /** Every migration of this release, in version order; the last one's version is the schema this devreg needs. */
    static final List<Migration> MIGRATIONS = List.of(new Migration(1, "devices"),
            new Migration(2, "holds_accounts_keys"), new Migration(3, "cheaper_writes"),
            new Migration(4, "events_without_device_key"));

    private final Statements statements;
    private final List<Migration> migrations;

    /** The schema of {@code migrations} (in version order): {@link #MIGRATIONS}, or fewer to test upgrades. */
    Schema(Statements statements, List<Migration> migrations) {
        this.statements = statements;
        this.migrations = List.copyOf(migrations);
    }

    /** The version the migrations end at. */
    int currentVersion() {
        return migrations.get(migrations.size() - 1).version();
    }

    /** The whole DDL of the current version, for users who manage the schema themselves. */
    String script() {
        return migrations.stream().map(this::script).collect(Collectors.joining());
    }

    /** Does what {@code mode} says about the schema, through {@code runner}. */
    void apply(SchemaMode mode, TransactionRunner runner) {
        switch (mode) {
            case CREATE -> runner.transaction(() -> "create or migrate the devreg schema", this::createOrMigrate);
            case VALIDATE -> runner.read(() -> "validate the devreg schema", this::validate);
            case NONE -> {
            }
        }
    }

    /** Creates or migrates the schema in the caller's transaction on {@code handle}; returns its version. */
    int createOrMigrate(Handle handle) throws SQLException {
        return statements.underSchemaLock(handle, locked -> {
            for (Migration migration : missing(installed(locked))) {
                for (String sql : SqlScript.statements(script(migration))) {
                    statements.schema().execute(locked, sql);
                }
                if (!installed(locked).contains(migration.version())) {
                    throw new IllegalStateException("The devreg schema script " + resource(migration)
                            + " did not record its version in " + statements.tables.schemaVersion());
                }
            }
            return currentVersion();
        });
    }

    /** Fails unless every migration is installed; returns the version. */
    int validate(Handle handle) {
        List<Migration> missing = missing(installed(handle));
        if (!missing.isEmpty()) {
            String prefix = statements.tables.prefix();
            throw new StorageException("The devreg schema with table prefix '" + prefix + "' is missing "
                    + (missing.size() == 1 ? "migration " : "migrations ")
                    + missing.stream().map(Migration::toString).collect(Collectors.joining(", "))
                    + ", which this devreg needs for schema version " + currentVersion()
                    + ". Apply JdbcDeviceStore.schemaScript(Dialect." + statements.dialect() + ", \"" + prefix
                    + "\") with your migration tool, or build the store with SchemaMode.CREATE.");
        }
        return currentVersion();
    }

    /** The recorded versions; none when the schema-version table does not exist. */
    private SortedSet<Integer> installed(Handle handle) {
        if (!statements.tableExists(handle, statements.tables.schemaVersion())) {
            return new TreeSet<>();
        }
        SortedSet<Integer> installed = statements.schema().versions(handle);
        if (!installed.isEmpty() && installed.last() > currentVersion()) {
            throw new StorageException("The devreg schema with table prefix '" + statements.tables.prefix()
                    + "' is at version " + installed.last() + ", newer than version " + currentVersion()
                    + " of this devreg: upgrade devreg");
        }
        return installed;
    }

    private List<Migration> missing(SortedSet<Integer> installed) {
        return migrations.stream().filter(migration -> !installed.contains(migration.version())).toList();
    }

    private String resource(Migration migration) {
        return statements.dialect().scriptDirectory() + migration.file();
    }

    private String script(Migration migration) {
        String resource = resource(migration);
        try (InputStream in = Schema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The devreg jar lacks its schema script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", statements.tables.prefix());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the schema script " + resource, e);
        }
    }
}
