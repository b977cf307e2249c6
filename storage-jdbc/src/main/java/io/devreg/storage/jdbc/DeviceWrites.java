package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import java.time.Instant;
import java.util.Optional;

/**
 * A dialect's conditional writes. Each method is one transaction that checks its condition and
 * writes in one step, with the event (if any) in the same transaction; an empty result means the
 * condition did not hold and nothing was written. {@link JdbcDeviceStore} classifies a refusal
 * with one extra read.
 */
interface DeviceWrites {

    /** Inserts the device and its REGISTER event; empty when a unique index already holds one of its keys. */
    Optional<Device> tryInsert(NewDevice device, Instant at);

    /** Applies the transition to the device {@code key} selects, if its status is in the transition's from. */
    Optional<Device> tryTransition(KeyClause key, Transition transition);

    /** Applies the update to the device {@code key} selects, if its revision is the expected one (when set). */
    Optional<Device> tryUpdate(KeyClause key, DeviceUpdate update, Instant at);

    /** The SQL of an attribute update, without the part that returns the row (which differs by dialect). */
    static String attributeUpdate(DeviceUpdate update) {
        StringBuilder sql = new StringBuilder("UPDATE <devices> SET ");
        if (update.setsName()) {
            sql.append("name = :name, ");
        }
        if (update.setsVersion()) {
            sql.append("version = :version, ");
        }
        if (update.online().isPresent()) {
            sql.append("online = :online, ");
        }
        sql.append("revision = revision + 1, last_updated_at = :at WHERE <key>");
        if (update.expectedRevision().isPresent()) {
            sql.append(" AND revision = :expected_revision");
        }
        return sql.toString();
    }

    /** Binds the values {@link #attributeUpdate} names. */
    static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindAttributes(S statement, DeviceUpdate update,
            Instant at) {
        if (update.setsName()) {
            statement.bind("name", update.name());
        }
        if (update.setsVersion()) {
            statement.bind("version", update.version());
        }
        update.online().ifPresent(online -> statement.bind("online", online.booleanValue()));
        update.expectedRevision().ifPresent(revision -> statement.bind("expected_revision", revision));
        return statement.bind("at", at);
    }

    /** Binds a registration's columns, as both dialects' INSERT names them. */
    static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindRegistration(S statement, NewDevice device,
            Instant at) {
        return statement.bind("type", device.type())
                .bind("uuid", device.uuid())
                .bind("serial_number", device.serialNumber())
                .bind("mac", device.mac())
                .bind("status", DeviceStatus.INITIALIZING.name())
                .bind("name", device.name())
                .bind("version", device.version())
                .bind("at", at)
                .bind("online", device.online());
    }

    /** The device a successful insert stored. */
    static Device inserted(NewDevice device, long id, Instant at) {
        return device.toDevice(id, Rows.stored(at));
    }

    /** The key of a device by id. */
    static KeyClause byId(long id) {
        return KeyClause.of(DeviceRef.id(id));
    }
}
