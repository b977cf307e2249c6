package io.devreg;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A device to register: validated and normalized by {@link Builder#build()}, so every
 * {@code NewDevice} is valid.
 */
public final class NewDevice {

    private final String type;
    private final UUID uuid;
    private final @Nullable String mac;
    private final @Nullable String serialNumber;
    private final @Nullable String name;
    private final @Nullable String version;
    private final boolean online;
    private final boolean uuidGiven;

    private NewDevice(String type, UUID uuid, boolean uuidGiven, @Nullable String mac, @Nullable String serialNumber,
            @Nullable String name, @Nullable String version, boolean online) {
        this.uuidGiven = uuidGiven;
        this.type = type;
        this.uuid = uuid;
        this.mac = mac;
        this.serialNumber = serialNumber;
        this.name = name;
        this.version = version;
        this.online = online;
    }

    /** Starts a device of this type; the type is checked by {@link Builder#build()}. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** The device type. */
    public String type() {
        return type;
    }

    /** The uuid, given or random. */
    public UUID uuid() {
        return uuid;
    }

    /**
     * Whether the uuid was given to the builder, rather than made at random by it. A random uuid is
     * not part of the request an idempotency key is checked against, so a retry that builds the
     * device again is still the same request.
     */
    public boolean uuidGiven() {
        return uuidGiven;
    }

    /** The mac address, canonical when it is an EUI-48; null when absent. */
    public @Nullable String mac() {
        return mac;
    }

    /** The serial number; null when absent. */
    public @Nullable String serialNumber() {
        return serialNumber;
    }

    /** The display name; null when absent. */
    public @Nullable String name() {
        return name;
    }

    /** The firmware version; null when absent. */
    public @Nullable String version() {
        return version;
    }

    /** Whether the device is online. */
    public boolean online() {
        return online;
    }

    /**
     * The registered device: status {@link DeviceStatus#INITIALIZING}, revision 1, created and
     * last updated {@code at}.
     */
    public Device toDevice(long id, Instant at) {
        return new Device(id, type, uuid, serialNumber, mac, DeviceStatus.INITIALIZING, name, version,
                at, at, online, 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewDevice other && type.equals(other.type) && uuid.equals(other.uuid)
                && Objects.equals(mac, other.mac) && Objects.equals(serialNumber, other.serialNumber)
                && Objects.equals(name, other.name) && Objects.equals(version, other.version)
                && online == other.online;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, uuid, mac, serialNumber, name, version, online);
    }

    @Override
    public String toString() {
        return "NewDevice[type=" + type + ", uuid=" + uuid + ", mac=" + mac + ", serialNumber=" + serialNumber
                + ", name=" + name + ", version=" + version + ", online=" + online + ']';
    }

    /** Builds a {@link NewDevice}. Not thread-safe. */
    public static final class Builder {
        private final @Nullable String type;
        private @Nullable UUID uuid;
        private @Nullable String mac;
        private @Nullable String serialNumber;
        private @Nullable String name;
        private @Nullable String version;
        private boolean online;

        private Builder(@Nullable String type) {
            this.type = type;
        }

        /** The mac address; an EUI-48 is stored canonical (see {@link MacAddress}). */
        public Builder mac(@Nullable String mac) {
            this.mac = mac;
            return this;
        }

        /** The serial number. */
        public Builder serialNumber(@Nullable String serialNumber) {
            this.serialNumber = serialNumber;
            return this;
        }

        /** A display name. */
        public Builder name(@Nullable String name) {
            this.name = name;
            return this;
        }

        /** The firmware version, for example {@code "1.1.1.1"}. */
        public Builder version(@Nullable String version) {
            this.version = version;
            return this;
        }

        /** Whether the device is online; false unless set. */
        public Builder online(boolean online) {
            this.online = online;
            return this;
        }

        /** The device's uuid; a random one unless set. */
        public Builder uuid(UUID uuid) {
            this.uuid = Objects.requireNonNull(uuid, "uuid");
            return this;
        }

        /**
         * The validated, normalized device.
         *
         * @throws ValidationException with every invalid field
         */
        public NewDevice build() {
            FieldErrors errors = new FieldErrors();
            String checkedType = errors.text(DeviceField.TYPE, type);
            String checkedMac = errors.text(DeviceField.MAC, mac);
            String checkedSerial = errors.text(DeviceField.SERIAL_NUMBER, serialNumber);
            String checkedName = errors.text(DeviceField.NAME, name);
            String checkedVersion = errors.text(DeviceField.VERSION, version);
            errors.throwIfAny();
            return new NewDevice(Objects.requireNonNull(checkedType), uuid == null ? UUID.randomUUID() : uuid,
                    uuid != null, checkedMac, checkedSerial, checkedName, checkedVersion, online);
        }
    }
}
