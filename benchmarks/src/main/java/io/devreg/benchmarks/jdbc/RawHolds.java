package io.devreg.benchmarks.jdbc;

import io.devreg.benchmarks.DeviceKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The raw baseline of a hold (issue 15): reserve for a holder until an expiry, and release by that
 * holder while the hold is active. Each is one conditional {@code UPDATE} (status, holder, hold
 * times, revision) and one event {@code INSERT} with the holder: two statements and a commit on H2,
 * one data-modifying CTE on an auto-commit connection on PostgreSQL. Statements are prepared once,
 * on one dedicated connection, which this object owns. Not thread-safe.
 *
 * <p>Two sets of tables:
 * <ul>
 *   <li>{@link #leastWork}: the least work for the same durable effect: two tables with only the
 *       columns a hold needs, one unique index for the lookup by type and mac and the events'
 *       primary key, no foreign key; on H2 a database of its own with H2's default settings
 *       (devreg's embedded database writes every commit to its file, H2's default delays it), on
 *       PostgreSQL the same server (so the same commit settings);</li>
 *   <li>{@link #devregTables}: devreg's own tables, indexes and database, the schema-equal baseline.</li>
 * </ul>
 */
public final class RawHolds implements AutoCloseable {

    /** The least-work baseline's devices table. */
    static final String DEVICES = "raw_devices";
    /** The least-work baseline's events table. */
    static final String EVENTS = "raw_device_events";

    private final Connection connection;
    private final boolean postgres;
    private final PreparedStatement reserve;
    private final @Nullable PreparedStatement reserveEvent;
    private final PreparedStatement release;
    private final @Nullable PreparedStatement releaseEvent;

    private RawHolds(Connection connection, boolean postgres, String devices, String events) throws SQLException {
        this.connection = connection;
        this.postgres = postgres;
        connection.setAutoCommit(postgres);
        String reserveUpdate = "UPDATE " + devices + " SET status = 'RESERVED', holder = ?, reserved_at = ?,"
                + " expires_at = ?, revision = revision + 1, last_updated_at = ?"
                + " WHERE type = ? AND mac = ? AND status = 'AVAILABLE'";
        String releaseUpdate = "UPDATE " + devices + " SET status = 'AVAILABLE', holder = NULL, reserved_at = NULL,"
                + " expires_at = NULL, revision = revision + 1, last_updated_at = ?"
                + " WHERE type = ? AND mac = ? AND status = 'RESERVED' AND holder = ? AND expires_at > ?";
        String insertEvent = "INSERT INTO " + events + " (sequence_number, device_id, operation, from_status,"
                + " to_status, occurred_at, holder) ";
        if (postgres) {
            reserve = connection.prepareStatement("WITH changed AS (" + reserveUpdate + " RETURNING id) " + insertEvent
                    + "SELECT nextval('" + RawJdbc.SEQUENCE + "'), id, 'RESERVE', 'AVAILABLE', 'RESERVED', ?, ?"
                    + " FROM changed");
            release = connection.prepareStatement("WITH changed AS (" + releaseUpdate + " RETURNING id) " + insertEvent
                    + "SELECT nextval('" + RawJdbc.SEQUENCE + "'), id, 'RELEASE', 'RESERVED', 'AVAILABLE', ?, ?"
                    + " FROM changed");
            reserveEvent = null;
            releaseEvent = null;
        } else {
            String select = " FROM " + devices + " WHERE type = ? AND mac = ?";
            reserve = connection.prepareStatement(reserveUpdate);
            reserveEvent = connection.prepareStatement(insertEvent + "SELECT NEXT VALUE FOR " + RawJdbc.SEQUENCE
                    + ", id, 'RESERVE', 'AVAILABLE', 'RESERVED', ?, ?" + select);
            release = connection.prepareStatement(releaseUpdate);
            releaseEvent = connection.prepareStatement(insertEvent + "SELECT NEXT VALUE FOR " + RawJdbc.SEQUENCE
                    + ", id, 'RELEASE', 'RESERVED', 'AVAILABLE', ?, ?" + select);
        }
    }

    /**
     * The least-work baseline on {@code db} (see the class comment), holding benchmark devices
     * {@code 0 .. count - 1}, available.
     */
    public static RawHolds leastWork(BenchmarkDatabase db, int count) {
        try {
            Connection connection = db.leastWorkConnection();
            createTables(connection, db.postgres());
            load(connection, count);
            return new RawHolds(connection, db.postgres(), DEVICES, EVENTS);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set up the least-work hold baseline", e);
        }
    }

    /** The schema-equal baseline: devreg's tables of {@code db}, whose devices it finds there. */
    public static RawHolds devregTables(BenchmarkDatabase db) {
        try {
            return new RawHolds(db.baselineConnection(), db.postgres(), "devreg_devices", "devreg_device_events");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set up the schema-equal hold baseline", e);
        }
    }

    static void createTables(Connection connection, boolean postgres) throws SQLException {
        String time = "TIMESTAMP(6) WITH TIME ZONE";
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + DEVICES + " (id BIGINT PRIMARY KEY, type VARCHAR(64) NOT NULL,"
                    + " mac VARCHAR(64) NOT NULL, status VARCHAR(16) NOT NULL, holder VARCHAR(128),"
                    + " reserved_at " + time + ", expires_at " + time + ", last_updated_at " + time + " NOT NULL,"
                    + " revision BIGINT NOT NULL, UNIQUE (type, mac))");
            statement.execute("CREATE TABLE " + EVENTS + " (sequence_number BIGINT PRIMARY KEY,"
                    + " device_id BIGINT NOT NULL, operation VARCHAR(32) NOT NULL, from_status VARCHAR(16),"
                    + " to_status VARCHAR(16) NOT NULL, occurred_at " + time + " NOT NULL, holder VARCHAR(128))");
            statement.execute("CREATE SEQUENCE IF NOT EXISTS " + RawJdbc.SEQUENCE + (postgres ? "" : " START WITH 1"));
        }
    }

    static void load(Connection connection, int count) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + DEVICES
                + " (id, type, mac, status, last_updated_at, revision) VALUES (?, ?, ?, 'AVAILABLE', ?, 2)")) {
            for (int n = 0; n < count; n++) {
                insert.setLong(1, n + 1);
                insert.setString(2, DeviceKeys.TYPE);
                insert.setString(3, DeviceKeys.mac(n));
                insert.setObject(4, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(autoCommit);
    }

    /**
     * If the device {@code (type, mac)} is available, reserves it for {@code holder} until
     * {@code expiresAt} and appends the event, in one committed transaction.
     *
     * @return whether it changed the device
     */
    public boolean reserve(String type, String mac, String holder, Instant at, Instant expiresAt) throws SQLException {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        reserve.setString(1, holder);
        reserve.setObject(2, time);
        reserve.setObject(3, expiresAt.atOffset(ZoneOffset.UTC));
        reserve.setObject(4, time);
        reserve.setString(5, type);
        reserve.setString(6, mac);
        if (postgres) {
            reserve.setObject(7, time);
            reserve.setString(8, holder);
            return reserve.executeUpdate() == 1;
        }
        return withEvent(reserve.executeUpdate() == 1, reserveEvent, time, holder, type, mac);
    }

    /**
     * If the device {@code (type, mac)} is reserved by {@code holder} under a hold still active at
     * {@code at}, makes it available and appends the event, in one committed transaction.
     *
     * @return whether it changed the device
     */
    public boolean release(String type, String mac, String holder, Instant at) throws SQLException {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        release.setObject(1, time);
        release.setString(2, type);
        release.setString(3, mac);
        release.setString(4, holder);
        release.setObject(5, time);
        if (postgres) {
            release.setObject(6, time);
            release.setString(7, holder);
            return release.executeUpdate() == 1;
        }
        return withEvent(release.executeUpdate() == 1, releaseEvent, time, holder, type, mac);
    }

    private boolean withEvent(boolean changed, PreparedStatement event, OffsetDateTime time, String holder,
            String type, String mac) throws SQLException {
        if (changed) {
            event.setObject(1, time);
            event.setString(2, holder);
            event.setString(3, type);
            event.setString(4, mac);
            event.executeUpdate();
        }
        connection.commit();
        return changed;
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
