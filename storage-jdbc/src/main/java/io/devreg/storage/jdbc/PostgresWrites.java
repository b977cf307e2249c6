package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import java.time.Instant;
import java.util.Optional;

/**
 * PostgreSQL's writes: each one statement, so one round trip on an auto-commit connection.
 * Data-modifying CTEs chain the change, the event counter and the event insert; under READ
 * COMMITTED a writer that waited for a row lock re-checks its condition on the row's newest
 * version, so of N racing writers with the same condition exactly one applies.
 */
final class PostgresWrites implements DeviceWrites {

    /** Insert unless a unique index holds a key; then nothing, not even the counter, is touched. */
    private static final String INSERT = """
            WITH inserted AS (
                INSERT INTO <devices> (type, uuid, serial_number, mac, status, name, version,
                                       created_at, last_updated_at, online, revision)
                VALUES (:type, :uuid, :serial_number, :mac, :status, :name, :version, :at, :at, :online, 1)
                ON CONFLICT DO NOTHING
                RETURNING id
            ), counter AS (
                UPDATE <counter> SET last_sequence = last_sequence + 1
                WHERE id = 1 AND EXISTS (SELECT 1 FROM inserted)
                RETURNING last_sequence
            ), event AS (
                INSERT INTO <events> (sequence_number, device_id, operation, from_status, to_status, occurred_at)
                SELECT counter.last_sequence, inserted.id, :operation, NULL, :status,
                       CAST(:at AS TIMESTAMP WITH TIME ZONE)
                FROM inserted, counter
            )
            SELECT id FROM inserted""";

    /**
     * The row is locked by {@code FOR UPDATE} (re-checking the status on its newest version), then
     * updated; {@code old} carries the status it had, which the event records as its from.
     */
    private static final String TRANSITION = """
            WITH old AS (
                SELECT id, status FROM <devices> WHERE <key> AND status IN (<from>) FOR UPDATE
            ), changed AS (
                UPDATE <devices> AS d
                SET status = :to, revision = d.revision + 1, last_updated_at = :at
                FROM old WHERE d.id = old.id
                RETURNING d.id, d.type, d.uuid, d.serial_number, d.mac, d.status, d.name, d.version,
                          d.created_at, d.last_updated_at, d.online, d.revision, old.status AS from_status
            ), counter AS (
                UPDATE <counter> SET last_sequence = last_sequence + 1
                WHERE id = 1 AND EXISTS (SELECT 1 FROM changed)
                RETURNING last_sequence
            ), event AS (
                INSERT INTO <events> (sequence_number, device_id, operation, from_status, to_status, occurred_at)
                SELECT counter.last_sequence, changed.id, :operation, changed.from_status, changed.status,
                       CAST(:at AS TIMESTAMP WITH TIME ZONE)
                FROM changed, counter
            )
            SELECT\s""" + Rows.DEVICE_COLUMNS + " FROM changed";

    private final Transactions transactions;

    PostgresWrites(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Device> tryInsert(NewDevice device, Instant at) {
        return transactions.writeOneStatement(() -> "register " + device, handle -> DeviceWrites.bindRegistration(handle.createQuery(INSERT), device, at)
                .bind("operation", DeviceOperation.REGISTER.name())
                .mapTo(Long.class)
                .findOne()
                .map(id -> DeviceWrites.inserted(device, id, at)));
    }

    @Override
    public Optional<Device> tryTransition(KeyClause key, Transition transition) {
        return transactions.writeOneStatement(() -> transition.operation() + " " + key.ref(),
                handle -> key.applyTo(handle.createQuery(TRANSITION))
                        .bindList("from", transition.from().stream().map(DeviceStatus::name).sorted().toList())
                        .bind("to", transition.to().name())
                        .bind("at", transition.at())
                        .bind("operation", transition.operation().name())
                        .mapTo(Device.class)
                        .findOne());
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
