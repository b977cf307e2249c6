package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import io.devreg.storage.jdbc.TransactionRunner.Work;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * H2's statements. H2 has no data-modifying CTEs, so a registration or a transition is a short
 * transaction of two statements: the change to the device (as {@code SELECT ... FROM FINAL TABLE
 * (...)}, which returns the row as written; an {@code UPDATE} locks the row, and re-checks its
 * condition on the newest committed version when it had to wait), then the event, whose sequence
 * comes from the one-row counter table in the same statement ({@code INSERT ... SELECT ... FROM FINAL
 * TABLE (UPDATE <counter> ...)}). Incrementing the counter locks its row until the transaction ends,
 * so the next writer gets its number only after this one committed (or rolled back, and its number is
 * reused): sequences are dense and assigned in commit order. The device row is locked before the
 * counter row in every transaction, so the two cannot deadlock.
 */
final class H2Statements extends Statements {

    /** Serializes schema creation on H2 inside this JVM (H2 has no advisory locks; its DDL commits itself). */
    private static final Object SCHEMA_LOCK = new Object();

    private final String insert;
    private final String appendEvent;
    /** The same, with the event's {@code from} read from the device's last event (the row lock keeps it still). */
    private final String appendEventAfterLast;
    /** A transition's SQL by key shape and number of statuses it may start from (index count - 1). */
    private final String[][] transitions = new String[KeyShape.values().length][FROM.length];
    private final String events;
    private final String tableExists;

    H2Statements(Tables tables) {
        super(tables);
        insert = returning("INSERT INTO " + tables.devices() + " (type, uuid, serial_number, mac, status, name, version,"
                + " created_at, last_updated_at, online, revision)"
                + " VALUES (:type, :uuid, :serial_number, :mac, :status, :name, :version, :at, :at, :online, 1)", "id");
        String nextSequence = " FROM FINAL TABLE (UPDATE " + tables.counter()
                + " SET last_sequence = last_sequence + 1 WHERE id = 1)";
        appendEvent = "INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ")"
                + " SELECT last_sequence, :device_id, :operation, :from_status, :to_status, :at" + nextSequence;
        appendEventAfterLast = "INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ")"
                + " SELECT last_sequence, :device_id, :operation, (SELECT to_status FROM " + tables.events()
                + " WHERE device_id = :device_id ORDER BY sequence_number DESC LIMIT 1), :to_status, :at" + nextSequence;
        for (KeyShape shape : KeyShape.values()) {
            for (int count = 1; count <= FROM.length; count++) {
                transitions[shape.ordinal()][count - 1] = returning("UPDATE " + tables.devices()
                        + " SET status = :to, revision = revision + 1, last_updated_at = :at"
                        + " WHERE " + shape.condition + " AND status IN (" + parameters(FROM, count) + ")", DEVICE_COLUMNS);
            }
        }
        events = "SELECT " + EVENT_COLUMNS + " FROM " + tables.events() + " WHERE sequence_number > :after"
                + " ORDER BY sequence_number LIMIT :limit";
        tableExists = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA"
                + " AND TABLE_NAME = :table";
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    String returning(String dml, String columns) {
        return "SELECT " + columns + " FROM FINAL TABLE (" + dml + ")";
    }

    @Override
    Write<Device> insert(NewDevice device, Instant at) {
        return Write.transaction(handle -> {
            long id;
            try {
                id = bindRegistration(handle.createQuery(insert), device, at).mapTo(Long.class).one();
            } catch (JdbiException e) {
                if (Failures.isDuplicateKey(e)) {
                    return Optional.empty(); // H2 undid the statement; the transaction wrote nothing
                }
                throw e;
            }
            appendEvent(handle, id, DeviceOperation.REGISTER, false, null, DeviceStatus.INITIALIZING, at);
            return Optional.of(device.toDevice(id, Rows.stored(at)));
        });
    }

    @Override
    Write<Device> transition(DeviceRef ref, Transition transition) {
        int from = transition.from().size();
        String sql = transitions[KeyShape.of(ref).ordinal()][from - 1];
        return Write.transaction(handle -> {
            Query update = bindKey(handle.createQuery(sql), ref)
                    .bind("to", Rows.text(transition.to().name()))
                    .bind("at", Rows.timestamp(transition.at()));
            Optional<Device> changed = bindStatuses(update, FROM, transition.from()).scanResultSet(Rows.FIRST_DEVICE);
            if (changed.isPresent()) {
                long id = changed.get().id();
                DeviceStatus known = from == 1 ? transition.from().iterator().next() : null;
                appendEvent(handle, id, transition.operation(), known == null, known, transition.to(), transition.at());
            }
            return changed;
        });
    }

    /**
     * Takes the next sequence (holding the counter row until the transaction ends) and appends the
     * event under it; its {@code from} is {@code from}, or, when {@code fromLastEvent}, the {@code to}
     * of the device's last event.
     */
    private void appendEvent(Handle handle, long deviceId, DeviceOperation operation, boolean fromLastEvent,
            @Nullable DeviceStatus from, DeviceStatus to, Instant at) {
        Update append = handle.createUpdate(fromLastEvent ? appendEventAfterLast : appendEvent)
                .bind("device_id", Rows.number(deviceId))
                .bind("operation", Rows.text(operation.name()))
                .bind("to_status", Rows.text(to.name()))
                .bind("at", Rows.timestamp(at));
        if (!fromLastEvent) {
            append.bind("from_status", Rows.text(from == null ? null : from.name()));
        }
        append.execute();
    }

    @Override
    List<DeviceEvent> events(Handle handle, long afterSequence, int limit) {
        return handle.createQuery(events).bind("after", afterSequence).bind("limit", limit).map(Rows.EVENT).list();
    }

    @Override
    boolean tableExists(Handle handle, String table) {
        return handle.createQuery(tableExists).bind("table", table.toUpperCase(Locale.ROOT)).mapTo(Integer.class).one() > 0;
    }

    @Override
    <T> T underSchemaLock(Handle handle, Work<T> work) throws SQLException {
        synchronized (SCHEMA_LOCK) {
            return work.on(handle);
        }
    }
}
