package io.devreg;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A registered device.
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
 * @param reservation    the hold on the device: non-null exactly when the registry reports it
 *                       {@link DeviceStatus#RESERVED}
 * @param account        the account of the current activation: non-null only in
 *                       {@link DeviceStatus#ACTIVATED} and {@link DeviceStatus#DEACTIVATING}, and
 *                       only when the activation named one
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
        long revision,
        @Nullable Reservation reservation,
        @Nullable String account) {

    /**
     * Checks that the required components are present, that only a reserved device has a
     * reservation, and that only an activated or deactivating device has an account.
     */
    public Device {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
        if (reservation != null && status != DeviceStatus.RESERVED) {
            throw new IllegalArgumentException("Only a reserved device has a reservation, not one in " + status);
        }
        if (account != null && !status.isOnAccount()) {
            throw new IllegalArgumentException("Only an activated or deactivating device has an account, not one in "
                    + status);
        }
    }

    /** A device without reservation and account: version 1's components. */
    public Device(long id, String type, UUID uuid, @Nullable String serialNumber, @Nullable String mac,
            DeviceStatus status, @Nullable String name, @Nullable String version, Instant createdAt,
            Instant lastUpdatedAt, boolean online, long revision) {
        this(id, type, uuid, serialNumber, mac, status, name, version, createdAt, lastUpdatedAt, online, revision,
                null, null);
    }

    /**
     * This device with another status, revision and update time: the result of a transition that
     * neither makes a hold nor names an account (the reservation and the account are dropped when
     * the new status cannot have them).
     */
    public Device withStatus(DeviceStatus newStatus, Instant at) {
        return withState(newStatus, newStatus == DeviceStatus.RESERVED ? reservation : null,
                newStatus.isOnAccount() ? account : null, at, revision + 1);
    }

    /** This device in {@code newStatus} with this hold and account, changed {@code at}, at {@code newRevision}. */
    Device withState(DeviceStatus newStatus, @Nullable Reservation newReservation, @Nullable String newAccount,
            Instant at, long newRevision) {
        return new Device(id, type, uuid, serialNumber, mac, newStatus, name, version, createdAt, at, online,
                newRevision, newReservation, newAccount);
    }

    /**
     * This device as a read at {@code now} reports it: a device whose hold is no longer active
     * (see {@link Reservation#activeAt}) is {@link DeviceStatus#AVAILABLE}, without reservation,
     * with its stored revision and last update time; any other device is returned as it is.
     */
    public Device asOf(Instant now) {
        if (!holdExpiredAt(now)) {
            return this;
        }
        return new Device(id, type, uuid, serialNumber, mac, DeviceStatus.AVAILABLE, name, version, createdAt,
                lastUpdatedAt, online, revision, null, null);
    }

    /** Whether this device is stored as reserved with a hold that is no longer active at {@code now}. */
    public boolean holdExpiredAt(Instant now) {
        return status == DeviceStatus.RESERVED && reservation != null && !reservation.activeAt(now);
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
