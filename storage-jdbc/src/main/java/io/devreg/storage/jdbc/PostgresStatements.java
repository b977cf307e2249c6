package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import io.devreg.storage.jdbc.TransactionRunner.Work;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * PostgreSQL's statements. Every write is one statement, so one round trip on an auto-commit
 * connection: data-modifying CTEs chain the change and the event insert. Under READ COMMITTED a
 * writer that waited for a row lock re-checks its condition on the row's newest version, so of N
 * racing writers with the same condition exactly one applies.
 *
 * <p>An event's sequence is the writing transaction's id, {@code pg_current_xact_id()}, and the
 * device row keeps the sequence of its latest event: a transition applies only under a larger one.
 * A transaction's id is assigned when it first needs one, which may be a moment before a concurrent
 * writer of the same device, whose id is then larger, commits ahead of it; the condition then
 * fails, the store reads the device, finds the transition still allowed and runs it again in a new
 * transaction, whose id is larger. So a device's events are always in sequence order, and
 * {@link #events} returns only events older than every transaction still running on the server
 * ({@code pg_snapshot_xmin}), below which no event can appear any more. See {@link JdbcDeviceStore},
 * "The change feed".
 */
final class PostgresStatements extends Statements {

    /**
     * The key of the transaction-scoped advisory lock ({@code pg_advisory_xact_lock}) under which a
     * store creates or migrates its schema: "devreg" in ASCII, then 1. One key for every devreg store
     * on the server, whatever its table prefix, so instances starting at once migrate one at a time
     * (the others wait, then find nothing to do). An application that takes advisory locks of its own
     * must not use this key.
     */
    static final long SCHEMA_LOCK_KEY = 0x6465_7672_6567_0001L;

    /** The writing transaction's id, as the sequence of the event it appends. */
    private static final String TRANSACTION_SEQUENCE = "pg_current_xact_id()::text::bigint";

    private final String insert;
    /** A transition's SQL by key shape and number of statuses it may start from (index count - 1). */
    private final String[][] transitions = new String[KeyShape.values().length][FROM.length];
    private final String events;

    PostgresStatements(Tables tables) {
        super(tables);
        insert = "WITH inserted AS (INSERT INTO " + tables.devices() + " (type, uuid, serial_number, mac, status, name,"
                + " version, created_at, last_updated_at, online, revision, last_event_sequence)"
                + " VALUES (:type, :uuid, :serial_number, :mac, :status, :name, :version, :at, :at, :online, 1, "
                + TRANSACTION_SEQUENCE + ")"
                + " ON CONFLICT DO NOTHING" // a unique index holds one of its keys: nothing is written
                + " RETURNING id, last_event_sequence"
                + "), event AS (INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ")"
                + " SELECT inserted.last_event_sequence, inserted.id, :operation, NULL, :status,"
                + " CAST(:at AS TIMESTAMP WITH TIME ZONE) FROM inserted"
                + ") SELECT id FROM inserted";
        for (KeyShape shape : KeyShape.values()) {
            for (int count = 1; count <= FROM.length; count++) {
                transitions[shape.ordinal()][count - 1] = transitionSql(shape, count);
            }
        }
        events = "SELECT " + EVENT_COLUMNS + " FROM " + tables.events() + " WHERE sequence_number > :after"
                + " AND sequence_number < (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint)"
                + " ORDER BY sequence_number LIMIT :limit";
    }

    /**
     * The device is joined with the statuses it may have ({@code allowed}), so the event's {@code from}
     * is the status the row had when it was changed; a concurrent change of the status fails the
     * join's re-check. The sequence condition is evaluated only on a device whose status allows the
     * transition (the {@code CASE}): asking for the transaction id assigns one, and a refusal should
     * stay a read that commits nothing.
     */
    private String transitionSql(KeyShape shape, int fromCount) {
        StringBuilder allowed = new StringBuilder();
        for (int i = 0; i < fromCount; i++) {
            allowed.append(i == 0 ? "(:" : ", (:").append(FROM[i]).append(')');
        }
        return "WITH changed AS (UPDATE " + tables.devices() + " AS d"
                + " SET status = :to, revision = d.revision + 1, last_updated_at = :at, last_event_sequence = "
                + TRANSACTION_SEQUENCE
                + " FROM (VALUES " + allowed + ") AS allowed (status)"
                + " WHERE " + shape.condition
                + " AND CASE WHEN d.status = allowed.status THEN d.last_event_sequence < " + TRANSACTION_SEQUENCE
                + " ELSE FALSE END"
                + " RETURNING d.id, d.type, d.uuid, d.serial_number, d.mac, d.status, d.name, d.version,"
                + " d.created_at, d.last_updated_at, d.online, d.revision, allowed.status AS from_status,"
                + " d.last_event_sequence AS event_sequence"
                + "), event AS (INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ")"
                + " SELECT event_sequence, id, :operation, from_status, status, last_updated_at FROM changed"
                + ") SELECT " + DEVICE_COLUMNS + " FROM changed";
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    String returning(String dml, String columns) {
        return dml + " RETURNING " + columns;
    }

    @Override
    Write<Device> insert(NewDevice device, Instant at) {
        return Write.oneStatement(handle -> bindRegistration(handle.createQuery(insert), device, at)
                .bind("operation", DeviceOperation.REGISTER.name())
                .mapTo(Long.class)
                .findOne()
                .map(id -> device.toDevice(id, Rows.stored(at))));
    }

    @Override
    Write<Device> transition(DeviceRef ref, Transition transition) {
        String sql = transitions[KeyShape.of(ref).ordinal()][transition.from().size() - 1];
        return Write.oneStatement(handle -> {
            Query update = bindKey(handle.createQuery(sql), ref)
                    .bind("to", Rows.text(transition.to().name()))
                    .bind("at", Rows.timestamp(transition.at()))
                    .bind("operation", Rows.text(transition.operation().name()));
            return bindStatuses(update, FROM, transition.from()).scanResultSet(Rows.FIRST_DEVICE);
        });
    }

    @Override
    List<DeviceEvent> events(Handle handle, long afterSequence, int limit) {
        return handle.createQuery(events).bind("after", afterSequence).bind("limit", limit).map(Rows.EVENT).list();
    }

    @Override
    boolean tableExists(Handle handle, String table) {
        return handle.createQuery("SELECT to_regclass(:table) IS NOT NULL").bind("table", table)
                .mapTo(Boolean.class).one();
    }

    /** Takes the advisory lock until the end of the migration's transaction (PostgreSQL runs DDL in it). */
    @Override
    <T> T underSchemaLock(Handle handle, Work<T> work) throws SQLException {
        handle.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", SCHEMA_LOCK_KEY)
                .mapTo(String.class).one(); // void, read as text
        return work.on(handle);
    }
}
