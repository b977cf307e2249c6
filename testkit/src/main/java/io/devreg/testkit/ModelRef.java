package io.devreg.testkit;

import io.devreg.DeviceRef;
import io.devreg.testkit.RegistryModel.ModelDevice;
import io.devreg.testkit.RegistryModel.State;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** How a model command names its device, and which device the model says that is. */
sealed interface ModelRef {

    /** The reference the registry gets; may throw the registry's {@code ValidationException}. */
    DeviceRef toRef(ModelHarness harness);

    /** The fields the model says are invalid; empty when the reference is valid. */
    Set<String> invalidFields();

    /** The device the reference names in {@code state}, if any. */
    Optional<ModelDevice> resolve(State state);

    /** The reference as an idempotency key's request names it: its kind and normalized value; null when invalid. */
    @Nullable List<Object> request();

    /** The device registered {@code ordinal}-th (from 0), or an id no device has. */
    record ByOrdinal(int ordinal) implements ModelRef {
        @Override
        public DeviceRef toRef(ModelHarness harness) {
            return DeviceRef.id(harness.idOf(ordinal));
        }

        @Override
        public Set<String> invalidFields() {
            return Set.of();
        }

        @Override
        public Optional<ModelDevice> resolve(State state) {
            return ordinal < state.devices().size() ? Optional.of(state.devices().get(ordinal)) : Optional.empty();
        }

        @Override
        public List<Object> request() {
            return List.of("id", ordinal);
        }
    }

    /** By uuid. */
    record ByUuid(UUID uuid) implements ModelRef {
        @Override
        public DeviceRef toRef(ModelHarness harness) {
            return DeviceRef.uuid(uuid);
        }

        @Override
        public Set<String> invalidFields() {
            return Set.of();
        }

        @Override
        public Optional<ModelDevice> resolve(State state) {
            return state.find(device -> device.uuid().equals(uuid));
        }

        @Override
        public List<Object> request() {
            return List.of("uuid", uuid);
        }
    }

    /** By identity: a type, and a mac or a serial number or both (both must match). */
    record ByIdentity(Spelling type, Spelling mac, Spelling serialNumber) implements ModelRef {
        @Override
        public DeviceRef toRef(ModelHarness harness) {
            return DeviceRef.identity(type.raw(), mac.raw(), serialNumber.raw());
        }

        @Override
        public Set<String> invalidFields() {
            Set<String> invalid = new LinkedHashSet<>();
            if (!type.valid()) {
                invalid.add("type");
            }
            if (!mac.valid()) {
                invalid.add("mac");
            }
            if (!serialNumber.valid()) {
                invalid.add("serial_number");
            }
            if (mac.blank() && serialNumber.blank()) {
                invalid.add("mac");
                invalid.add("serial_number");
            }
            return invalid;
        }

        @Override
        public Optional<ModelDevice> resolve(State state) {
            return state.find(device -> device.type().equals(type.value())
                    && (mac.value() == null || mac.value().equals(device.mac()))
                    && (serialNumber.value() == null || serialNumber.value().equals(device.serialNumber())));
        }

        @Override
        public @Nullable List<Object> request() {
            return invalidFields().isEmpty() ? Arrays.asList("identity", type.value(), mac.value(), serialNumber.value())
                    : null;
        }
    }

    /** Id 0, which no reference may carry. */
    record ZeroId() implements ModelRef {
        @Override
        public DeviceRef toRef(ModelHarness harness) {
            return DeviceRef.id(0);
        }

        @Override
        public Set<String> invalidFields() {
            return Set.of("id");
        }

        @Override
        public Optional<ModelDevice> resolve(State state) {
            return Optional.empty();
        }

        @Override
        public @Nullable List<Object> request() {
            return null;
        }
    }
}
