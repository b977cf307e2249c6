package io.devreg.benchmarks.jdbc;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The raw baseline of a JDBC store: hand-written statements, prepared once, on one dedicated
 * connection, against devreg's own tables (so the rows and indexes are the same), with event
 * sequences from a plain database sequence. The least work for the durable effect of a devreg write:
 * <ul>
 *   <li>H2: one conditional {@code UPDATE ... WHERE type = ? AND mac = ? AND status = ?}, then one
 *       event {@code INSERT} if it changed a row, then commit;</li>
 *   <li>PostgreSQL: one statement on an auto-commit connection, a data-modifying CTE that updates
 *       conditionally and inserts the event.</li>
 * </ul>
 * Not thread-safe: one per thread.
 */
public final class RawJdbc implements AutoCloseable {

    /** The sequence of the baseline's events, created by {@link #createSequence}. */
    static final String SEQUENCE = "raw_event_sequence";

    private static final String DEVICE_COLUMNS = "id, type, uuid, serial_number, mac, status, name, version,"
            + " created_at, last_updated_at, online, revision";

    private static final String H2_UPDATE = "UPDATE devreg_devices SET status = ?, revision = revision + 1,"
            + " last_updated_at = ? WHERE type = ? AND mac = ? AND status = ?";
    private static final String H2_EVENT = "INSERT INTO devreg_device_events (sequence_number, device_id, operation,"
            + " from_status, to_status, occurred_at) SELECT NEXT VALUE FOR " + SEQUENCE + ", id, ?, ?, ?, ?"
            + " FROM devreg_devices WHERE type = ? AND mac = ?";
    private static final String POSTGRES_TRANSITION = "WITH changed AS (UPDATE devreg_devices"
            + " SET status = ?, revision = revision + 1, last_updated_at = ?"
            + " WHERE type = ? AND mac = ? AND status = ? RETURNING id)"
            + " INSERT INTO devreg_device_events (sequence_number, device_id, operation, from_status, to_status,"
            + " occurred_at) SELECT nextval('" + SEQUENCE + "'), id, ?, ?, ?, ? FROM changed";

    private static final String H2_INSERT = "INSERT INTO devreg_devices (type, uuid, serial_number, mac, status,"
            + " name, version, created_at, last_updated_at, online, revision)"
            + " VALUES (?, ?, ?, ?, 'INITIALIZING', NULL, ?, ?, ?, TRUE, 1)";
    private static final String H2_INSERT_EVENT = "INSERT INTO devreg_device_events (sequence_number, device_id,"
            + " operation, from_status, to_status, occurred_at)"
            + " VALUES (NEXT VALUE FOR " + SEQUENCE + ", ?, 'REGISTER', NULL, 'INITIALIZING', ?)";
    /** PostgreSQL's devices table also keeps the sequence of each device's latest event: the same number. */
    private static final String POSTGRES_INSERT = "WITH inserted AS (INSERT INTO devreg_devices (type, uuid,"
            + " serial_number, mac, status, name, version, created_at, last_updated_at, online, revision,"
            + " last_event_sequence) VALUES (?, ?, ?, ?, 'INITIALIZING', NULL, ?, ?, ?, TRUE, 1, nextval('" + SEQUENCE
            + "')) ON CONFLICT DO NOTHING RETURNING id, last_event_sequence)"
            + " INSERT INTO devreg_device_events (sequence_number, device_id, operation, from_status, to_status,"
            + " occurred_at) SELECT last_event_sequence, id, 'REGISTER', NULL, 'INITIALIZING', ?"
            + " FROM inserted";

    private static final String GET = "SELECT " + DEVICE_COLUMNS + " FROM devreg_devices WHERE type = ? AND mac = ?";

    private final Connection connection;
    private final boolean postgres;
    private final PreparedStatement transition;
    private final @Nullable PreparedStatement event;
    private final PreparedStatement insert;
    private final @Nullable PreparedStatement insertEvent;
    private final PreparedStatement get;

    /**
     * Statements on {@code connection}, which this object then owns. {@code writes}: H2 writes run
     * in explicit transactions (auto-commit off); reads and every PostgreSQL statement auto-commit.
     */
    public RawJdbc(Connection connection, boolean postgres, boolean writes) throws SQLException {
        this.connection = connection;
        this.postgres = postgres;
        connection.setAutoCommit(postgres || !writes);
        if (postgres) {
            transition = connection.prepareStatement(POSTGRES_TRANSITION);
            event = null;
            insert = connection.prepareStatement(POSTGRES_INSERT);
            insertEvent = null;
        } else {
            transition = connection.prepareStatement(H2_UPDATE);
            event = connection.prepareStatement(H2_EVENT);
            insert = connection.prepareStatement(H2_INSERT, new String[] {"id"});
            insertEvent = connection.prepareStatement(H2_INSERT_EVENT);
        }
        get = connection.prepareStatement(GET);
    }

    /** Creates the baseline's event sequence, starting above every sequence already used. */
    static void createSequence(Connection connection, long start) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(
                "CREATE SEQUENCE " + SEQUENCE + " START WITH " + start)) {
            create.execute();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /**
     * If the device {@code (type, mac)} has status {@code from}, sets {@code to} and appends the event,
     * in one committed transaction.
     *
     * @return whether it changed the device
     */
    public boolean transition(String type, String mac, DeviceOperation operation, DeviceStatus from,
            DeviceStatus to, Instant at) throws SQLException {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        transition.setString(1, to.name());
        transition.setObject(2, time);
        transition.setString(3, type);
        transition.setString(4, mac);
        transition.setString(5, from.name());
        if (postgres) {
            transition.setString(6, operation.name());
            transition.setString(7, from.name());
            transition.setString(8, to.name());
            transition.setObject(9, time);
            return transition.executeUpdate() == 1;
        }
        boolean changed = transition.executeUpdate() == 1;
        if (changed) {
            event.setString(1, operation.name());
            event.setString(2, from.name());
            event.setString(3, to.name());
            event.setObject(4, time);
            event.setString(5, type);
            event.setString(6, mac);
            event.executeUpdate();
        }
        connection.commit();
        return changed;
    }

    /**
     * Registers a device (status INITIALIZING, revision 1, online) and appends its event, in one
     * committed transaction.
     *
     * @return whether it was stored (false when a unique key is taken; on H2 that is an exception)
     */
    public boolean insert(String type, UUID uuid, String mac, String serialNumber, String version, Instant at)
            throws SQLException {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        insert.setString(1, type);
        insert.setObject(2, uuid);
        insert.setString(3, serialNumber);
        insert.setString(4, mac);
        insert.setString(5, version);
        insert.setObject(6, time);
        insert.setObject(7, time);
        if (postgres) {
            insert.setObject(8, time);
            return insert.executeUpdate() == 1;
        }
        insert.executeUpdate();
        long id;
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            id = keys.getLong(1);
        }
        insertEvent.setLong(1, id);
        insertEvent.setObject(2, time);
        insertEvent.executeUpdate();
        connection.commit();
        return true;
    }

    /** The device {@code (type, mac)}, or {@code null}. */
    public @Nullable Device get(String type, String mac) throws SQLException {
        get.setString(1, type);
        get.setString(2, mac);
        try (ResultSet row = get.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            return new Device(row.getLong(1), row.getString(2), row.getObject(3, UUID.class), row.getString(4),
                    row.getString(5), DeviceStatus.valueOf(row.getString(6)), row.getString(7), row.getString(8),
                    row.getObject(9, OffsetDateTime.class).toInstant(),
                    row.getObject(10, OffsetDateTime.class).toInstant(), row.getBoolean(11), row.getLong(12));
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
