package io.devreg;

import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How an operation names its device: by id, by uuid, or by identity (type plus mac and/or serial
 * number). A reference is validated and normalized when it is made, so every reference that
 * exists is valid.
 */
public sealed interface DeviceRef permits DeviceRef.ById, DeviceRef.ByUuid, DeviceRef.ByIdentity {

    /**
     * The device with this id.
     *
     * @throws ValidationException if {@code id} is not positive
     */
    static DeviceRef id(long id) {
        return new ById(id);
    }

    /** The device with this uuid. */
    static DeviceRef uuid(UUID uuid) {
        return new ByUuid(uuid);
    }

    /**
     * The device of this type with this mac and/or serial number; when both are given, both must
     * match. Values are stripped; an EUI-48 mac is canonicalized (see {@link MacAddress}).
     *
     * @throws ValidationException if the type is missing, both mac and serial number are missing,
     *                             or any value breaks the rules of {@link DeviceField}
     */
    static DeviceRef identity(String type, @Nullable String mac, @Nullable String serialNumber) {
        return new ByIdentity(type, mac, serialNumber);
    }

    /** A reference by the store-assigned id. */
    record ById(long id) implements DeviceRef {
        /** Checks the id is positive. */
        public ById {
            if (id <= 0) {
                throw new ValidationException(Map.of("id", List.of("must be positive")));
            }
        }

        @Override
        public String toString() {
            return "id " + id;
        }
    }

    /** A reference by uuid. */
    record ByUuid(UUID uuid) implements DeviceRef {
        /** Checks the uuid is present. */
        public ByUuid {
            Objects.requireNonNull(uuid, "uuid");
        }

        @Override
        public String toString() {
            return "uuid " + uuid;
        }
    }

    /**
     * A reference by identity, holding normalized values: stripped, blank as absent, an EUI-48
     * mac canonical.
     */
    record ByIdentity(String type, @Nullable String mac, @Nullable String serialNumber) implements DeviceRef {
        /**
         * Validates and normalizes the values.
         *
         * @throws ValidationException as {@link DeviceRef#identity} does
         */
        public ByIdentity {
            // Values already normalized (what devreg hands out) would come back unchanged: skip the general checks.
            if (!FieldErrors.isNormalIdentity(type, mac, serialNumber)) {
                FieldErrors errors = new FieldErrors();
                FieldErrors.Identity normal = errors.identity(type, mac, serialNumber);
                errors.throwIfAny();
                type = Objects.requireNonNull(normal.type());
                mac = normal.mac();
                serialNumber = normal.serialNumber();
            }
        }

        /**
         * Equal when every normalized value is. Written out because the generated equals goes
         * through method handles, and a cached lookup by identity is one hash-map read keyed by
         * this reference.
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof ByIdentity ref
                    && Objects.equals(mac, ref.mac)
                    && Objects.equals(serialNumber, ref.serialNumber)
                    && type.equals(ref.type);
        }

        @Override
        public int hashCode() {
            return (31 * type.hashCode() + Objects.hashCode(mac)) * 31 + Objects.hashCode(serialNumber);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("type ").append(type);
            if (mac != null) {
                text.append(", mac ").append(mac);
            }
            if (serialNumber != null) {
                text.append(", serial_number ").append(serialNumber);
            }
            return text.toString();
        }
    }
}
