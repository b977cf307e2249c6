package io.devreg;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A registered device as the store holds it.
 *
 * @param id             assigned by the store: positive, increasing in registration order
 * @param type           the device type, for example {@code "mediaagent"}
 * @param uuid           the device's UUID, unique in the registry
 * @param serialNumber   the serial number; {@code (type, serialNumber)} is unique
 * @param mac            the MAC address, canonical (lower-case colon form) when it is an EUI-48;
 *                       {@code (type, mac)} is unique
 * @param status         where the device is in its lifecycle
 * @param name           a display name
 * @param version        the firmware version, for example {@code "1.1.1.1"}
 * @param createdAt      when it was registered, truncated to microseconds
 * @param lastUpdatedAt  when it last changed, truncated to microseconds
 * @param online         whether the device is online
 * @param revision       the optimistic-concurrency counter: 1 at registration, incremented by
 *                       every change
 */
public record Device(
        long id,
        String type,
        UUID uuid,
        @Nullable String serialNumber,
        @Nullable String mac,
        DeviceStatus status,
        @Nullable String name,
        @Nullable String version,
        Instant createdAt,
        Instant lastUpdatedAt,
        boolean online,
        long revision) {

    /** Checks that the required components are present. */
    public Device {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
    }

    /** This device with another status, revision and update time: the result of a transition. */
    public Device withStatus(DeviceStatus newStatus, Instant at) {
        return new Device(id, type, uuid, serialNumber, mac, newStatus, name, version,
                createdAt, at, online, revision + 1);
    }

    /** A short description for messages: id, type and the identity fields present. */
    String describe() {
        StringBuilder text = new StringBuilder("device ").append(id).append(" (type ").append(type);
        if (mac != null) {
            text.append(", mac ").append(mac);
        }
        if (serialNumber != null) {
            text.append(", serial_number ").append(serialNumber);
        }
        return text.append(')').toString();
    }
}
