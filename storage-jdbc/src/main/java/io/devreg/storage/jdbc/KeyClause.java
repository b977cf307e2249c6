package io.devreg.storage.jdbc;

import io.devreg.DeviceRef;
import io.devreg.NewDevice;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The {@code WHERE} condition that selects the device a {@link DeviceRef} names, as SQL text with
 * named parameters ({@code :key_id}, ...) and the values to bind. Statements use it as
 * {@code <key>}; the values never enter the SQL text.
 */
record KeyClause(String sql, DeviceRef ref) {

    static KeyClause of(DeviceRef ref) {
        if (ref instanceof DeviceRef.ById) {
            return new KeyClause("id = :key_id", ref);
        }
        if (ref instanceof DeviceRef.ByUuid) {
            return new KeyClause("uuid = :key_uuid", ref);
        }
        DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
        StringBuilder sql = new StringBuilder("type = :key_type");
        if (identity.mac() != null) {
            sql.append(" AND mac = :key_mac");
        }
        if (identity.serialNumber() != null) {
            sql.append(" AND serial_number = :key_serial");
        }
        return new KeyClause(sql.toString(), ref);
    }

    /**
     * The references under which a stored device could collide with {@code device}: its uuid,
     * {@code (type, mac)} and {@code (type, serial_number)}, in that order.
     */
    static List<DeviceRef> collisionsOf(NewDevice device) {
        List<DeviceRef> refs = new ArrayList<>(3);
        refs.add(DeviceRef.uuid(device.uuid()));
        if (device.mac() != null) {
            refs.add(DeviceRef.identity(device.type(), device.mac(), null));
        }
        if (device.serialNumber() != null) {
            refs.add(DeviceRef.identity(device.type(), null, device.serialNumber()));
        }
        return refs;
    }

    /** The condition for plain JDBC: {@code ?} for each value, in the order {@link #bindTo} binds them. */
    String positionalSql() {
        if (ref instanceof DeviceRef.ById) {
            return "id = ?";
        }
        if (ref instanceof DeviceRef.ByUuid) {
            return "uuid = ?";
        }
        DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
        if (identity.mac() == null) {
            return "type = ? AND serial_number = ?";
        }
        return identity.serialNumber() == null ? "type = ? AND mac = ?" : "type = ? AND mac = ? AND serial_number = ?";
    }

    /** Binds the values of {@link #positionalSql} from parameter {@code first} on; returns the next index. */
    int bindTo(PreparedStatement statement, int first) throws SQLException {
        int index = first;
        if (ref instanceof DeviceRef.ById byId) {
            statement.setLong(index++, byId.id());
            return index;
        }
        if (ref instanceof DeviceRef.ByUuid byUuid) {
            statement.setObject(index++, byUuid.uuid());
            return index;
        }
        DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
        statement.setString(index++, identity.type());
        if (identity.mac() != null) {
            statement.setString(index++, identity.mac());
        }
        if (identity.serialNumber() != null) {
            statement.setString(index++, identity.serialNumber());
        }
        return index;
    }

    /** Defines {@code <key>} and binds its values on {@code statement}. */
    <S extends SqlStatement<S>> S applyTo(S statement) {
        statement.define("key", sql);
        if (ref instanceof DeviceRef.ById byId) {
            return statement.bind("key_id", byId.id());
        }
        if (ref instanceof DeviceRef.ByUuid byUuid) {
            return statement.bind("key_uuid", byUuid.uuid());
        }
        DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
        statement.bind("key_type", identity.type());
        if (identity.mac() != null) {
            statement.bind("key_mac", identity.mac());
        }
        if (identity.serialNumber() != null) {
            statement.bind("key_serial", identity.serialNumber());
        }
        return statement;
    }
}
