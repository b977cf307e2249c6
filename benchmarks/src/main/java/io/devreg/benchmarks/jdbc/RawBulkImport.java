package io.devreg.benchmarks.jdbc;

import io.devreg.benchmarks.DeviceKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The raw baseline of a bulk import (issue 17): benchmark devices registered in chunks, each chunk
 * one JDBC batch of device {@code INSERT}s (ids read back as generated keys), one batch of their
 * {@code REGISTER} events and a commit. The database enforces uniqueness, as devreg's does. Owns its
 * connection; not thread-safe.
 *
 * <p>Two sets of tables, as for {@link RawHolds}: {@link #leastWork} (only the columns a
 * registration fills, the three unique keys and the events' primary key, no foreign key; on H2 a
 * database of its own with H2's default settings, on PostgreSQL the same server) and
 * {@link #devregTables} (devreg's own tables and database).
 *
 * <p>On PostgreSQL the least-work baseline sends a chunk as one statement rather than a batch of a
 * statement per row: the devices from arrays ({@code unnest}), their events from the inserted rows,
 * in one {@code WITH ... INSERT}, one round trip per chunk. A batch of row statements would be more
 * work than PostgreSQL needs, and devreg itself sends arrays.
 */
public final class RawBulkImport implements AutoCloseable {

    /** The least-work baseline's devices table. */
    static final String DEVICES = "raw_import_devices";
    /** The least-work baseline's events table. */
    static final String EVENTS = "raw_import_events";

    private final Connection connection;
    /** Whether the device row keeps its last event's sequence (devreg's PostgreSQL schema). */
    private final boolean rowKeepsSequence;
    private final PreparedStatement devices;
    private final PreparedStatement events;
    /** PostgreSQL's least-work chunk from arrays, or null: then the batches above. */
    private final @Nullable PreparedStatement arrays;

    private RawBulkImport(Connection connection, boolean postgres, String devicesTable, String eventsTable,
            boolean rowKeepsSequence, boolean fromArrays, boolean skipTakenKeys) throws SQLException {
        this.connection = connection;
        this.rowKeepsSequence = rowKeepsSequence;
        connection.setAutoCommit(false);
        String next = postgres ? "nextval('" + RawJdbc.SEQUENCE + "')" : "NEXT VALUE FOR " + RawJdbc.SEQUENCE;
        devices = connection.prepareStatement("INSERT INTO " + devicesTable + " (type, uuid, serial_number, mac,"
                + " status, version, created_at, last_updated_at, online, revision"
                + (rowKeepsSequence ? ", last_event_sequence" : "") + ") VALUES (?, ?, ?, ?, 'INITIALIZING', ?, ?, ?,"
                + " TRUE, 1" + (rowKeepsSequence ? ", " + next : "") + ")",
                rowKeepsSequence ? new String[] {"id", "last_event_sequence"} : new String[] {"id"});
        events = connection.prepareStatement("INSERT INTO " + eventsTable + " (sequence_number, device_id,"
                + " operation, from_status, to_status, occurred_at) VALUES (" + (rowKeepsSequence ? "?" : next)
                + ", ?, 'REGISTER', NULL, 'INITIALIZING', ?)");
        arrays = !fromArrays ? null : connection.prepareStatement("WITH d AS (INSERT INTO " + devicesTable
                + " (type, uuid, serial_number, mac, status, version, created_at, last_updated_at, online, revision)"
                + " SELECT ?, r.uuid, r.serial, r.mac, 'INITIALIZING', ?, ?, ?, TRUE, 1"
                + " FROM unnest(CAST(? AS uuid[]), CAST(? AS varchar[]), CAST(? AS varchar[])) AS r(uuid, serial, mac)"
                + (skipTakenKeys ? " ON CONFLICT DO NOTHING" : "") + " RETURNING id)"
                + " INSERT INTO " + eventsTable + " (sequence_number, device_id, operation, from_status,"
                + " to_status, occurred_at) SELECT " + next + ", id, 'REGISTER', NULL, 'INITIALIZING', ? FROM d");
    }

    /**
     * What devreg's schema and settings have that the least-work tables do not, each to be added alone
     * to them to measure what it costs ({@code JdbcBulkImportCosts}).
     */
    public enum SchemaCost {
        /** The events' foreign key to the devices (devreg up to schema version 3). */
        FOREIGN_KEY,
        /** The index of events by device and sequence, which reads a device's history. */
        EVENTS_BY_DEVICE,
        /**
         * Version 2's indexes and their columns: holds by expiry, events by account and time (on
         * PostgreSQL partial, as devreg's; H2 has no partial indexes, so they hold every row).
         */
        VERSION_TWO_INDEXES,
        /** H2 only: a commit is written to the file before it returns ({@code WRITE_DELAY 0}), as devreg's embedded database does. */
        NO_WRITE_DELAY,
        /**
         * PostgreSQL only: the chunk's statement skips a device whose key is taken
         * ({@code ON CONFLICT DO NOTHING}), as devreg's does, rather than failing on it.
         */
        ON_CONFLICT_DO_NOTHING
    }

    /** The least-work baseline on {@code db}, with empty tables. */
    public static RawBulkImport leastWork(BenchmarkDatabase db) {
        return leastWork(db, Set.of());
    }

    /** The least-work baseline on {@code db}, with empty tables and the {@code costs} of devreg's schema added. */
    public static RawBulkImport leastWork(BenchmarkDatabase db, Set<SchemaCost> costs) {
        try {
            Connection connection = db.leastWorkConnection();
            String time = "TIMESTAMP(6) WITH TIME ZONE";
            boolean v2 = costs.contains(SchemaCost.VERSION_TWO_INDEXES);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + DEVICES + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                        + " type VARCHAR(64) NOT NULL, uuid UUID NOT NULL UNIQUE, serial_number VARCHAR(128),"
                        + " mac VARCHAR(64), status VARCHAR(16) NOT NULL, version VARCHAR(64),"
                        + " created_at " + time + " NOT NULL, last_updated_at " + time + " NOT NULL,"
                        + " online BOOLEAN NOT NULL, revision BIGINT NOT NULL, UNIQUE (type, mac),"
                        + " UNIQUE (type, serial_number)" + (v2 ? ", expires_at " + time : "") + ")");
                statement.execute("CREATE TABLE " + EVENTS + " (sequence_number BIGINT PRIMARY KEY,"
                        + " device_id BIGINT NOT NULL"
                        + (costs.contains(SchemaCost.FOREIGN_KEY) ? " REFERENCES " + DEVICES + " (id)" : "")
                        + ", operation VARCHAR(32) NOT NULL, from_status VARCHAR(16),"
                        + " to_status VARCHAR(16) NOT NULL, occurred_at " + time + " NOT NULL"
                        + (v2 ? ", account VARCHAR(128)" : "") + ")");
                if (costs.contains(SchemaCost.EVENTS_BY_DEVICE)) {
                    statement.execute("CREATE INDEX " + EVENTS + "_device ON " + EVENTS + " (device_id, sequence_number)");
                }
                if (v2) {
                    statement.execute("CREATE INDEX " + DEVICES + "_expiry ON " + DEVICES + " (expires_at, id)"
                            + (db.postgres() ? " WHERE expires_at IS NOT NULL" : ""));
                    statement.execute("CREATE INDEX " + EVENTS + "_account ON " + EVENTS + " (account, occurred_at)"
                            + (db.postgres() ? " WHERE account IS NOT NULL" : ""));
                }
                if (costs.contains(SchemaCost.NO_WRITE_DELAY)) {
                    if (db.postgres()) {
                        throw new IllegalArgumentException("NO_WRITE_DELAY is an H2 setting");
                    }
                    statement.execute("SET WRITE_DELAY 0");
                }
                if (costs.contains(SchemaCost.ON_CONFLICT_DO_NOTHING) && !db.postgres()) {
                    throw new IllegalArgumentException("ON_CONFLICT_DO_NOTHING is measured on PostgreSQL");
                }
                statement.execute("CREATE SEQUENCE IF NOT EXISTS " + RawJdbc.SEQUENCE);
            }
            return new RawBulkImport(connection, db.postgres(), DEVICES, EVENTS, false, db.postgres(),
                    costs.contains(SchemaCost.ON_CONFLICT_DO_NOTHING));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set up the least-work import baseline", e);
        }
    }

    /** The schema-equal baseline: devreg's tables of {@code db}. */
    public static RawBulkImport devregTables(BenchmarkDatabase db) {
        try {
            return new RawBulkImport(db.baselineConnection(), db.postgres(), "devreg_devices", "devreg_device_events",
                    db.postgres(), false, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set up the schema-equal import baseline", e);
        }
    }

    /**
     * Registers benchmark devices {@code first .. first + count - 1} (status INITIALIZING, revision 1,
     * online, a random uuid) with their events, in committed chunks of {@code chunk}.
     */
    public void importDevices(int first, int count, int chunk, Instant at) throws SQLException {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        for (int start = first; start < first + count; start += chunk) {
            int end = Math.min(first + count, start + chunk);
            if (arrays != null) {
                importFromArrays(start, end, time);
                continue;
            }
            for (int n = start; n < end; n++) {
                devices.setString(1, DeviceKeys.TYPE);
                devices.setObject(2, UUID.randomUUID());
                devices.setString(3, DeviceKeys.serialNumber(n));
                devices.setString(4, DeviceKeys.mac(n));
                devices.setString(5, DeviceKeys.VERSION);
                devices.setObject(6, time);
                devices.setObject(7, time);
                devices.addBatch();
            }
            devices.executeBatch();
            try (ResultSet keys = devices.getGeneratedKeys()) {
                while (keys.next()) {
                    int column = 1;
                    if (rowKeepsSequence) {
                        events.setLong(column++, keys.getLong(2));
                    }
                    events.setLong(column++, keys.getLong(1));
                    events.setObject(column, time);
                    events.addBatch();
                }
            }
            events.executeBatch();
            connection.commit();
        }
    }

    /** Devices {@code start .. end - 1} and their events in one statement from arrays, committed. */
    private void importFromArrays(int start, int end, OffsetDateTime time) throws SQLException {
        PreparedStatement statement = Objects.requireNonNull(arrays);
        Object[] uuids = new Object[end - start];
        Object[] serials = new Object[end - start];
        Object[] macs = new Object[end - start];
        for (int n = start; n < end; n++) {
            uuids[n - start] = UUID.randomUUID();
            serials[n - start] = DeviceKeys.serialNumber(n);
            macs[n - start] = DeviceKeys.mac(n);
        }
        statement.setString(1, DeviceKeys.TYPE);
        statement.setString(2, DeviceKeys.VERSION);
        statement.setObject(3, time);
        statement.setObject(4, time);
        statement.setArray(5, connection.createArrayOf("uuid", uuids));
        statement.setArray(6, connection.createArrayOf("varchar", serials));
        statement.setArray(7, connection.createArrayOf("varchar", macs));
        statement.setObject(8, time);
        if (statement.executeUpdate() != end - start) {
            throw new IllegalStateException("The baseline inserted fewer events than devices");
        }
        connection.commit();
    }

    /** The connection the statements run on, for checks. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
