package io.devreg.storage.jdbc;

import io.devreg.DeviceRef;

/** How a {@link DeviceRef} selects its device: the condition, with named parameters. */
enum KeyShape {
    ID("id = :key_id"),
    UUID("uuid = :key_uuid"),
    TYPE_MAC("type = :key_type AND mac = :key_mac"),
    TYPE_SERIAL("type = :key_type AND serial_number = :key_serial"),
    TYPE_MAC_SERIAL("type = :key_type AND mac = :key_mac AND serial_number = :key_serial");

    final String condition;

    KeyShape(String condition) {
        this.condition = condition;
    }

    static KeyShape of(DeviceRef ref) {
        if (ref instanceof DeviceRef.ById) {
            return ID;
        }
        if (ref instanceof DeviceRef.ByUuid) {
            return UUID;
        }
        DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
        if (identity.mac() == null) {
            return TYPE_SERIAL;
        }
        return identity.serialNumber() == null ? TYPE_MAC : TYPE_MAC_SERIAL;
    }
}
