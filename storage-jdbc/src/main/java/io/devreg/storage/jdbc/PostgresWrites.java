package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL's writes: each one statement, so one round trip on an auto-commit connection.
 * Data-modifying CTEs chain the change and the event insert; under READ COMMITTED a writer that
 * waited for a row lock re-checks its condition on the row's newest version, so of N racing
 * writers with the same condition exactly one applies.
 *
 * <p>An event's sequence is the writing transaction's id, {@code pg_current_xact_id()}, and the
 * device row keeps the sequence of its latest event: a transition applies only under a larger
 * one. A transaction's id is assigned when it first needs one, which may be a moment before a
 * concurrent writer of the same device, whose id is then larger, commits ahead of it; the
 * condition then fails, {@link JdbcDeviceStore} reads the device, finds the transition still
 * allowed and runs it again in a new transaction, whose id is larger. So a device's events are
 * always in sequence order. See {@link JdbcDeviceStore} for how the feed reads these sequences.
 *
 * <p>A transition, the hot path, runs in plain JDBC ({@link Transactions#writeStatement}); the
 * rarer writes go through Jdbi.
 */
final class PostgresWrites implements DeviceWrites {

    /** The writing transaction's id, as the sequence of the event it appends. */
    private static final String TRANSACTION_SEQUENCE = "pg_current_xact_id()::text::bigint";

    /** Insert unless a unique index holds a key; then nothing is written. */
    private static final String INSERT = """
            WITH inserted AS (
                INSERT INTO <devices> (type, uuid, serial_number, mac, status, name, version,
                                       created_at, last_updated_at, online, revision, last_event_sequence)
                VALUES (:type, :uuid, :serial_number, :mac, :status, :name, :version, :at, :at, :online, 1,
                        <transaction_sequence>)
                ON CONFLICT DO NOTHING
                RETURNING id, last_event_sequence
            ), event AS (
                INSERT INTO <events> (sequence_number, device_id, operation, from_status, to_status, occurred_at)
                SELECT inserted.last_event_sequence, inserted.id, :operation, NULL, :status,
                       CAST(:at AS TIMESTAMP WITH TIME ZONE)
                FROM inserted
            )
            SELECT id FROM inserted""".replace("<transaction_sequence>", TRANSACTION_SEQUENCE);

    private final Transactions transactions;
    private final Tables tables;
    /** A transition's SQL by its shape, built once: the driver finds its prepared statement by the text. */
    private final Map<Shape, String> transitionSql = new ConcurrentHashMap<>();

    /** What a transition's SQL depends on: the key's condition and how many statuses it may start from. */
    private record Shape(String keySql, int fromCount) {
    }

    PostgresWrites(Transactions transactions, Tables tables) {
        this.transactions = transactions;
        this.tables = tables;
    }

    @Override
    public Optional<Device> tryInsert(NewDevice device, Instant at) {
        return transactions.writeOneStatement(() -> "register " + device, handle -> DeviceWrites.bindRegistration(handle.createQuery(INSERT), device, at)
                .bind("operation", DeviceOperation.REGISTER.name())
                .mapTo(Long.class)
                .findOne()
                .map(id -> DeviceWrites.inserted(device, id, at)));
    }

    /**
     * The device is joined with the statuses it may have ({@code allowed}), so the event's
     * {@code from} is the status the row had when it was changed; a concurrent change of the status
     * fails the join's re-check and the transition is tried again. The sequence condition is
     * evaluated only on a device whose status allows the transition: asking for the transaction id
     * assigns one, and a refusal should stay a read that commits nothing.
     */
    @Override
    public Optional<Device> tryTransition(KeyClause key, Transition transition) {
        Set<DeviceStatus> from = transition.from();
        String sql = transitionSql.computeIfAbsent(new Shape(key.positionalSql(), from.size()), this::transitionSql);
        return transactions.writeStatement(() -> transition.operation() + " " + key.ref(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, transition.to().name());
                statement.setObject(2, Rows.column(transition.at()));
                int index = 3;
                for (DeviceStatus status : from) { // in any order: they form a VALUES list
                    statement.setString(index++, status.name());
                }
                index = key.bindTo(statement, index);
                statement.setString(index, transition.operation().name());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(Rows.device(rows, null)) : Optional.empty();
                }
            }
        });
    }

    private String transitionSql(Shape shape) {
        return "WITH changed AS (UPDATE " + tables.devices() + " AS d"
                + " SET status = ?, revision = d.revision + 1, last_updated_at = ?, last_event_sequence = "
                + TRANSACTION_SEQUENCE
                + " FROM (VALUES " + String.join(", ", Collections.nCopies(shape.fromCount(), "(?)")) + ") AS allowed (status)"
                + " WHERE " + shape.keySql()
                // CASE, so that a device in another status (a refusal) never gets the statement a transaction id
                + " AND CASE WHEN d.status = allowed.status THEN d.last_event_sequence < " + TRANSACTION_SEQUENCE
                + " ELSE FALSE END"
                + " RETURNING d.id, d.type, d.uuid, d.serial_number, d.mac, d.status, d.name, d.version,"
                + " d.created_at, d.last_updated_at, d.online, d.revision, allowed.status AS from_status,"
                + " d.last_event_sequence AS event_sequence"
                + "), event AS (INSERT INTO " + tables.events() + " (" + Rows.EVENT_COLUMNS + ")"
                + " SELECT event_sequence, id, ?, from_status, status, last_updated_at FROM changed"
                + ") SELECT " + Rows.DEVICE_COLUMNS + " FROM changed";
    }

    @Override
    public Optional<Device> tryUpdate(KeyClause key, DeviceUpdate update, Instant at) {
        String sql = DeviceWrites.attributeUpdate(update) + " RETURNING " + Rows.DEVICE_COLUMNS;
        return transactions.writeOneStatement(() -> "update " + key.ref(),
                handle -> DeviceWrites.bindAttributes(key.applyTo(handle.createQuery(sql)), update, at)
                        .mapTo(Device.class)
                        .findOne());
    }
}
