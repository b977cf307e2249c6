package io.devreg.testkit;

import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The reference model of the stateful test: a registry as plain immutable values, small enough to
 * be obviously right. Devices are known by their ordinal (registration order) rather than their id,
 * because ids and sequences are the store's to choose; the harness maps them.
 */
final class RegistryModel {

    private RegistryModel() {
    }

    /** A device as the model knows it: a {@link io.devreg.Device} with its ordinal in place of its id. */
    record ModelDevice(int ordinal, String type, UUID uuid, @Nullable String serialNumber, @Nullable String mac,
            DeviceStatus status, @Nullable String name, @Nullable String version, Instant createdAt,
            Instant lastUpdatedAt, boolean online, long revision) {

        /** This device after a transition to {@code to} at {@code at}. */
        ModelDevice transitioned(DeviceStatus to, Instant at) {
            return new ModelDevice(ordinal, type, uuid, serialNumber, mac, to, name, version, createdAt, at, online,
                    revision + 1);
        }

        /** This device with these attributes, updated at {@code at}. */
        ModelDevice updated(@Nullable String newName, @Nullable String newVersion, boolean newOnline, Instant at) {
            return new ModelDevice(ordinal, type, uuid, serialNumber, mac, status, newName, newVersion, createdAt, at,
                    newOnline, revision + 1);
        }
    }

    /** An event of the device with this ordinal; its sequence is checked by the harness instead. */
    record ModelEvent(int ordinal, DeviceOperation operation, @Nullable DeviceStatus from, DeviceStatus to, Instant at) {
    }

    /** What the last operation answered. */
    sealed interface Outcome {
    }

    /** Nothing has run yet. */
    record NoOutcome() implements Outcome {
    }

    /** The operation returned this device. */
    record Returned(ModelDevice device) implements Outcome {
    }

    /** {@code find} returned this device, or nothing. */
    record Found(Optional<ModelDevice> device) implements Outcome {
    }

    /** A listing, a history or a window of the feed. */
    record Listed(List<?> items) implements Outcome {
    }

    /** A {@code DeviceException} with this code, carrying this device (null when it carries none the model checks). */
    record Refused(ErrorCode code, @Nullable ModelDevice device) implements Outcome {
    }

    /** A {@code ValidationException} naming these fields. */
    record Invalid(Set<String> fields) implements Outcome {
        Invalid {
            fields = Set.copyOf(fields);
        }
    }

    /**
     * The whole observable state: every device in registration order, the feed in order, the last
     * outcome, and the number of operations run (the clock moves one tick per operation).
     */
    record State(List<ModelDevice> devices, List<ModelEvent> events, Outcome outcome, int steps) {

        static final State EMPTY = new State(List.of(), List.of(), new NoOutcome(), 0);

        /** When the operation now starting happens. */
        Instant now() {
            return StoreSpec.micros(StoreSpec.START.plus(StoreSpec.TICK.multipliedBy(steps + 1L)));
        }

        Optional<ModelDevice> find(Predicate<ModelDevice> matches) {
            return devices.stream().filter(matches).findFirst();
        }

        /** The next state: one more step, this outcome, devices and events unchanged. */
        State answer(Outcome answer) {
            return new State(devices, events, answer, steps + 1);
        }

        /** The next state with {@code device} stored (replaced or added), maybe an event, and it returned. */
        State store(ModelDevice device, @Nullable ModelEvent event) {
            List<ModelDevice> nextDevices = new ArrayList<>(devices);
            if (device.ordinal() < devices.size()) {
                nextDevices.set(device.ordinal(), device);
            } else {
                nextDevices.add(device);
            }
            List<ModelEvent> nextEvents = new ArrayList<>(events);
            if (event != null) {
                nextEvents.add(event);
            }
            return new State(List.copyOf(nextDevices), List.copyOf(nextEvents), new Returned(device), steps + 1);
        }
    }
}
