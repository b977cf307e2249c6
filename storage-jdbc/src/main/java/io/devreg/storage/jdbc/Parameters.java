package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.Reservation;
import io.devreg.spi.WriteContext;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * How the store's values are bound to the named parameters its statements share: a reference's
 * key, a list of statuses, a registration, a device's state, an event. One place for each, so that
 * every statement that names {@code :key_type} or {@code :holder} binds it the same way.
 */
final class Parameters {

    /** The parameters of the statuses a transition may start from. */
    static final String[] FROM = names("from");

    /** The parameters of the statuses a listing selects. */
    static final String[] STATUS = names("status");

    private Parameters() {
    }

    /** {@code statement} with the values of {@code ref}'s {@link KeyShape} condition bound. */
    static <S extends SqlStatement<S>> S key(S statement, DeviceRef ref) {
        if (ref instanceof DeviceRef.ById byId) {
            return statement.bind("key_id", Rows.number(byId.id()));
        }
        if (ref instanceof DeviceRef.ByUuid byUuid) {
            return statement.bind("key_uuid", Rows.uuid(byUuid.uuid()));
        }
        DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
        statement.bind("key_type", Rows.text(identity.type()));
        if (identity.mac() != null) {
            statement.bind("key_mac", Rows.text(identity.mac()));
        }
        if (identity.serialNumber() != null) {
            statement.bind("key_serial", Rows.text(identity.serialNumber()));
        }
        return statement;
    }

    /** {@code :name0, :name1, ...}: the first {@code count} of {@code names}, as SQL parameters. */
    static String list(String[] names, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? ":" : ", :").append(names[i]);
        }
        return text.toString();
    }

    /** Binds the statuses as the parameters {@link #list} named, in iteration order. */
    static <S extends SqlStatement<S>> S statuses(S statement, String[] names, Iterable<DeviceStatus> statuses) {
        int i = 0;
        for (DeviceStatus status : statuses) {
            statement.bind(names[i++], Rows.text(status.name()));
        }
        return statement;
    }

    /** A registration's columns, as both dialects' inserts name them. */
    static <S extends SqlStatement<S>> S registration(S statement, NewDevice device, WriteContext context) {
        return context(statement.bind("type", Rows.text(device.type()))
                .bind("uuid", Rows.uuid(device.uuid()))
                .bind("serial_number", Rows.text(device.serialNumber()))
                .bind("mac", Rows.text(device.mac()))
                .bind("status", Rows.text(DeviceStatus.INITIALIZING.name()))
                .bind("name", Rows.text(device.name()))
                .bind("version", Rows.text(device.version()))
                .bind("at", Rows.timestamp(context.at()))
                .bind("online", device.online()), context);
    }

    /** A device to insert as it stands: what a registration binds, with its own attributes, times and revision. */
    static <S extends SqlStatement<S>> S newDevice(S statement, Device device) {
        return statement.bind("type", Rows.text(device.type()))
                .bind("uuid", Rows.uuid(device.uuid()))
                .bind("serial_number", Rows.text(device.serialNumber()))
                .bind("mac", Rows.text(device.mac()))
                .bind("status", Rows.text(device.status().name()))
                .bind("name", Rows.text(device.name()))
                .bind("version", Rows.text(device.version()))
                .bind("created_at", Rows.timestamp(device.createdAt()))
                .bind("last_updated_at", Rows.timestamp(device.lastUpdatedAt()))
                .bind("online", device.online())
                .bind("revision", Rows.number(device.revision()));
    }

    /** The actor, reason and key that every event of a write carries. */
    static <S extends SqlStatement<S>> S context(S statement, WriteContext context) {
        return statement.bind("actor", Rows.text(context.actor()))
                .bind("reason", Rows.text(context.reason()))
                .bind("idempotency_key", Rows.text(context.idempotencyKey()));
    }

    /** A device's changeable state: status, revision, update time, hold and account, and its id. */
    static <S extends SqlStatement<S>> S state(S statement, Device device) {
        Reservation hold = device.reservation();
        return statement.bind("id", Rows.number(device.id()))
                .bind("status", Rows.text(device.status().name()))
                .bind("revision", Rows.number(device.revision()))
                .bind("at", Rows.timestamp(device.lastUpdatedAt()))
                .bind("holder", Rows.text(hold == null ? null : hold.holder()))
                .bind("reserved_at", Rows.nullableTimestamp(hold == null ? null : hold.reservedAt()))
                .bind("expires_at", Rows.nullableTimestamp(hold == null ? null : hold.expiresAt()))
                .bind("account", Rows.text(device.account()));
    }

    /** Every column of an event, as {@link Statements#EVENT_COLUMNS} names them. */
    static <S extends SqlStatement<S>> S event(S statement, DeviceEvent event) {
        DeviceStatus from = event.from();
        return statement.bind("sequence_number", Rows.number(event.sequence()))
                .bind("device_id", Rows.number(event.deviceId()))
                .bind("operation", Rows.text(event.operation().name()))
                .bind("from_status", Rows.text(from == null ? null : from.name()))
                .bind("to_status", Rows.text(event.to().name()))
                .bind("occurred_at", Rows.timestamp(event.at()))
                .bind("holder", Rows.text(event.holder()))
                .bind("account", Rows.text(event.account()))
                .bind("actor", Rows.text(event.actor()))
                .bind("reason", Rows.text(event.reason()))
                .bind("idempotency_key", Rows.text(event.idempotencyKey()));
    }

    /** The names {@code name0, name1, ...}: one parameter for each status of a list. */
    private static String[] names(String name) {
        String[] names = new String[DeviceStatus.values().length];
        for (int i = 0; i < names.length; i++) {
            names[i] = name + i;
        }
        return names;
    }
}
