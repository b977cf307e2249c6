package io.devreg.storage.jdbc;

import io.devreg.Device;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The statements of the idempotency keys' table: a key's row is claimed first in its write's
 * transaction (a concurrent write with the same key waits on the row), then completed with the device
 * the write returned, or taken back when the write was refused; a later write reads it. The claim
 * and the purge differ by dialect ({@link Statements#claimKey}, and the purge given to the constructor).
 */
final class KeyStatements {

    /** A recorded key: the fingerprint of its first request and the device that write returned. */
    record Recorded(String fingerprint, Device device) {
    }

    private final String claim;
    private final String read;
    private final String complete;
    private final String release;
    private final String purge;

    /** The key statements on {@code tables}, with the dialect's {@code purge} of up to {@code :limit} keys recorded before {@code :before}. */
    KeyStatements(Tables tables, String purge) {
        this.purge = purge;
        claim = "INSERT INTO " + tables.idempotencyKeys() + " (idempotency_key, fingerprint, recorded_at)"
                + " VALUES (:idempotency_key, :fingerprint, :recorded_at)";
        read = "SELECT fingerprint, " + Statements.DEVICE_COLUMNS + " FROM " + tables.idempotencyKeys()
                + " WHERE idempotency_key = :idempotency_key";
        complete = "UPDATE " + tables.idempotencyKeys() + " SET id = :id, type = :type, uuid = :uuid,"
                + " serial_number = :serial_number, mac = :mac, status = :status, name = :name, version = :version,"
                + " created_at = :created_at, last_updated_at = :at, online = :online, revision = :revision,"
                + " holder = :holder, reserved_at = :reserved_at, expires_at = :expires_at, account = :account"
                + " WHERE idempotency_key = :idempotency_key";
        release = "DELETE FROM " + tables.idempotencyKeys() + " WHERE idempotency_key = :idempotency_key";
    }

    /** The claim's INSERT, which a dialect runs as it must ({@link Statements#claimKey}). */
    String claimSql() {
        return claim;
    }

    /** Binds a claim's values. */
    <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindClaim(S statement, String key, String fingerprint,
            Instant at) {
        return statement.bind("idempotency_key", Rows.text(key)).bind("fingerprint", Rows.text(fingerprint))
                .bind("recorded_at", Rows.timestamp(at));
    }

    /** The key's record, written by a transaction that committed. */
    Optional<Recorded> read(Handle handle, String key) {
        return handle.createQuery(read).bind("idempotency_key", Rows.text(key)).scanResultSet((results, ctx) -> {
            java.sql.ResultSet rs = results.get();
            return rs.next() ? Optional.of(new Recorded(rs.getString(1), Rows.device(rs, 1))) : Optional.empty();
        });
    }

    /** Completes this transaction's claim of {@code key} with the device its write returned. */
    void complete(Handle handle, String key, Device device) {
        Parameters.state(handle.createUpdate(complete), device)
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

    /** Deletes up to {@code limit} keys recorded before {@code before}; how many it deleted. */
    int purge(Handle handle, Instant before, int limit) {
        return handle.createUpdate(purge).bind("before", Rows.timestamp(before)).bind("limit", limit).execute();
    }

    /** Takes back this transaction's claim of {@code key}: its write was refused, and records nothing. */
    void release(Handle handle, String key) {
        handle.createUpdate(release).bind("idempotency_key", Rows.text(key)).execute();
    }
}
