package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;

/**
 * H2's writes. H2 has no data-modifying CTEs, so a write is a short transaction: the conditional
 * change as {@code SELECT ... FROM FINAL TABLE (UPDATE ...)} (which locks the row, and re-checks the
 * condition on its newest committed version when it had to wait), then the event counter, then the
 * event. The device row is locked before the counter row in every transaction, so they cannot deadlock.
 */
final class H2Writes implements DeviceWrites {

    private static final String INSERT = """
            SELECT id FROM FINAL TABLE (
                INSERT INTO <devices> (type, uuid, serial_number, mac, status, name, version,
                                       created_at, last_updated_at, online, revision)
                VALUES (:type, :uuid, :serial_number, :mac, :status, :name, :version, :at, :at, :online, 1))""";

    private static final String TRANSITION = "SELECT " + Rows.DEVICE_COLUMNS + " FROM FINAL TABLE ("
            + "UPDATE <devices> SET status = :to, revision = revision + 1, last_updated_at = :at"
            + " WHERE <key> AND status IN (<from>))";

    /** The status before this transition: its device's last event's {@code to}; the row lock keeps it still. */
    private static final String LAST_STATUS =
            "SELECT to_status FROM <events> WHERE device_id = :device_id ORDER BY sequence_number DESC LIMIT 1";

    private static final String NEXT_SEQUENCE =
            "SELECT last_sequence FROM FINAL TABLE (UPDATE <counter> SET last_sequence = last_sequence + 1 WHERE id = 1)";

    private static final String APPEND_EVENT = "INSERT INTO <events> (" + Rows.EVENT_COLUMNS + ")"
            + " VALUES (:sequence_number, :device_id, :operation, :from_status, :to_status, :at)";

    private final Transactions transactions;
    private final Tables tables;
    /** The statements of a transition on the writer connection, in plain JDBC (see {@link WriterConnection}). */
    private final String lastStatusSql;
    private final String nextSequenceSql;
    private final String appendEventSql;

    H2Writes(Transactions transactions, Tables tables) {
        this.transactions = transactions;
        this.tables = tables;
        this.lastStatusSql = "SELECT to_status FROM " + tables.events()
                + " WHERE device_id = ? ORDER BY sequence_number DESC LIMIT 1";
        this.nextSequenceSql = "SELECT last_sequence FROM FINAL TABLE (UPDATE " + tables.counter()
                + " SET last_sequence = last_sequence + 1 WHERE id = 1)";
        this.appendEventSql = "INSERT INTO " + tables.events() + " (" + Rows.EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    }

    @Override
    public Optional<Device> tryInsert(NewDevice device, Instant at) {
        return transactions.write(() -> "register " + device, handle -> {
            long id;
            try {
                id = DeviceWrites.bindRegistration(handle.createQuery(INSERT), device, at)
                        .mapTo(Long.class)
                        .one();
            } catch (JdbiException e) {
                if (Failures.isDuplicateKey(e)) {
                    return Optional.empty();
                }
                throw e;
            }
            appendEvent(handle, id, DeviceOperation.REGISTER, null, DeviceStatus.INITIALIZING, at);
            return Optional.of(DeviceWrites.inserted(device, id, at));
        });
    }

    @Override
    public Optional<Device> tryTransition(KeyClause key, Transition transition) {
        if (transactions.hasWriter()) {
            return transactions.writeOnWriter(() -> transition.operation() + " " + key.ref(),
                    writer -> transition(writer, key, transition));
        }
        return transactions.write(() -> transition.operation() + " " + key.ref(), handle -> {
            Optional<Device> changed = key.applyTo(handle.createQuery(TRANSITION))
                    .bindList("from", transition.from().stream().map(DeviceStatus::name).sorted().toList())
                    .bind("to", transition.to().name())
                    .bind("at", transition.at())
                    .mapTo(Device.class)
                    .findOne();
            if (changed.isPresent()) {
                long id = changed.get().id();
                DeviceStatus from = transition.from().size() == 1
                        ? transition.from().iterator().next()
                        : DeviceStatus.valueOf(handle.createQuery(LAST_STATUS).bind("device_id", id)
                                .mapTo(String.class).one());
                appendEvent(handle, id, transition.operation(), from, transition.to(), transition.at());
            }
            return changed;
        });
    }

    @Override
    public Optional<Device> tryUpdate(KeyClause key, DeviceUpdate update, Instant at) {
        String sql = "SELECT " + Rows.DEVICE_COLUMNS + " FROM FINAL TABLE (" + DeviceWrites.attributeUpdate(update) + ")";
        return transactions.writeOneStatement(() -> "update " + key.ref(),
                handle -> DeviceWrites.bindAttributes(key.applyTo(handle.createQuery(sql)), update, at)
                        .mapTo(Device.class)
                        .findOne());
    }

    /**
     * The same three statements as the Jdbi path of {@link #tryTransition}, prepared once on the
     * writer connection: the hot path of the embedded store.
     */
    private Optional<Device> transition(WriterConnection writer, KeyClause key, Transition transition)
            throws SQLException {
        List<String> from = transition.from().stream().map(DeviceStatus::name).sorted().toList();
        String sql = "SELECT " + Rows.DEVICE_COLUMNS + " FROM FINAL TABLE (UPDATE " + tables.devices()
                + " SET status = ?, revision = revision + 1, last_updated_at = ? WHERE " + key.positionalSql()
                + " AND status IN (" + String.join(", ", Collections.nCopies(from.size(), "?")) + "))";
        PreparedStatement update = writer.prepare(sql);
        update.setString(1, transition.to().name());
        update.setObject(2, Rows.column(transition.at()));
        int index = key.bindTo(update, 3);
        for (String status : from) {
            update.setString(index++, status);
        }
        Device changed;
        try (ResultSet rows = update.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            changed = Rows.device(rows, null);
        }
        DeviceStatus previous;
        if (transition.from().size() == 1) {
            previous = transition.from().iterator().next();
        } else {
            PreparedStatement lastStatus = writer.prepare(lastStatusSql);
            lastStatus.setLong(1, changed.id());
            try (ResultSet rows = single(lastStatus)) {
                previous = DeviceStatus.valueOf(rows.getString(1));
            }
        }
        long sequence;
        try (ResultSet rows = single(writer.prepare(nextSequenceSql))) {
            sequence = rows.getLong(1);
        }
        PreparedStatement append = writer.prepare(appendEventSql);
        append.setLong(1, sequence);
        append.setLong(2, changed.id());
        append.setString(3, transition.operation().name());
        append.setString(4, previous.name());
        append.setString(5, transition.to().name());
        append.setObject(6, Rows.column(transition.at()));
        append.executeUpdate();
        return Optional.of(changed);
    }

    /** The result of {@code query}, positioned on its first row, which must exist. */
    private static ResultSet single(PreparedStatement query) throws SQLException {
        ResultSet rows = query.executeQuery();
        if (!rows.next()) {
            rows.close();
            throw new SQLException("expected one row from: " + query);
        }
        return rows;
    }

    /** Takes the next sequence (holding the counter row until commit) and appends the event under it. */
    private static void appendEvent(Handle handle, long deviceId, DeviceOperation operation,
            @Nullable DeviceStatus from, DeviceStatus to, Instant at) {
        long sequence = handle.createQuery(NEXT_SEQUENCE).mapTo(Long.class).one();
        handle.createUpdate(APPEND_EVENT)
                .bind("sequence_number", sequence)
                .bind("device_id", deviceId)
                .bind("operation", operation.name())
                .bind("from_status", from == null ? null : from.name())
                .bind("to_status", to.name())
                .bind("at", at)
                .execute();
    }
}
