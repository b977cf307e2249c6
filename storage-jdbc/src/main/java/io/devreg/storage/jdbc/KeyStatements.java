package io.devreg.storage.jdbc;

import io.devreg.Device;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The statements of the idempotency keys' table. A key's record (the request's fingerprint and the
 * device its write returned) is inserted after the write, in the write's transaction, so a refused
 * write records nothing and an applied one is never without its record. The key is the primary key:
 * of two writes under one key, the second's insert waits for the first's transaction and fails if it
 * committed, which undoes the second write whole; it then reads the first's record. Where a dialect
 * writes a transition as one statement, the insert is part of it ({@link #recordFrom}).
 */
final class KeyStatements {

    /** A recorded key: the fingerprint of its first request and the device that write returned. */
    record Recorded(String fingerprint, Device device) {
    }

    /** The columns of a record: the key, the fingerprint, the time, then the device's. */
    private static final String COLUMNS = "idempotency_key, fingerprint, recorded_at, " + Statements.DEVICE_COLUMNS;

    private final String table;
    private final String record;
    private final String read;
    private final String purge;

    /** The key statements on {@code tables}, with the dialect's {@code purge} of up to {@code :limit} keys recorded before {@code :before}. */
    KeyStatements(Tables tables, String purge) {
        this.table = tables.idempotencyKeys();
        this.purge = purge;
        record = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (:idempotency_key, :fingerprint, :recorded_at,"
                + " :id, :type, :uuid, :serial_number, :mac, :status, :name, :version, :created_at, :at, :online,"
                + " :revision, :holder, :reserved_at, :expires_at, :account)";
        read = "SELECT fingerprint, " + Statements.DEVICE_COLUMNS + " FROM " + table
                + " WHERE idempotency_key = :idempotency_key";
    }

    /**
     * An INSERT that records the key for the device of {@code rows}, a query (or a CTE's name) whose
     * rows have the device columns, for a statement that writes and records at once; bind
     * {@link #bindRecord} to it.
     */
    String recordFrom(String rows) {
        return "INSERT INTO " + table + " (" + COLUMNS + ") SELECT :idempotency_key, :fingerprint, :recorded_at, "
                + Statements.DEVICE_COLUMNS + " FROM " + rows;
    }

    /** Binds what a record holds besides the device: the fingerprint and the time (the key is the event's, see {@link Parameters#context}). */
    static <S extends SqlStatement<S>> S bindRecord(S statement, String fingerprint, Instant at) {
        return statement.bind("fingerprint", Rows.text(fingerprint)).bind("recorded_at", Rows.timestamp(at));
    }

    /**
     * Records {@code key} for this transaction's write, which returned {@code device}. Fails with
     * SQLState 23505 when a committed transaction recorded the key first (after waiting for it, if it
     * was still running).
     */
    void record(Handle handle, String key, String fingerprint, Instant at, Device device) {
        bindRecord(Parameters.state(handle.createUpdate(record), device), fingerprint, at)
                .bind("idempotency_key", Rows.text(key))
                .bind("type", Rows.text(device.type()))
                .bind("uuid", Rows.uuid(device.uuid()))
                .bind("serial_number", Rows.text(device.serialNumber()))
                .bind("mac", Rows.text(device.mac()))
                .bind("name", Rows.text(device.name()))
                .bind("version", Rows.text(device.version()))
                .bind("created_at", Rows.timestamp(device.createdAt()))
                .bind("online", device.online())
                .execute();
    }

    /** The key's record, written by a transaction that committed. */
    Optional<Recorded> read(Handle handle, String key) {
        return handle.createQuery(read).bind("idempotency_key", Rows.text(key)).scanResultSet((results, ctx) -> {
            java.sql.ResultSet rs = results.get();
            return rs.next() ? Optional.of(new Recorded(rs.getString(1), Rows.device(rs, 1))) : Optional.empty();
        });
    }

    /** Deletes up to {@code limit} keys recorded before {@code before}; how many it deleted. */
    int purge(Handle handle, Instant before, int limit) {
        return handle.createUpdate(purge).bind("before", Rows.timestamp(before)).bind("limit", limit).execute();
    }
}
