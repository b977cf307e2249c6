package io.devreg.testkit;

import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The reference model of the stateful test: a registry as plain immutable values, small enough to
 * be obviously right. Devices are known by their ordinal (registration order) rather than their id,
 * because ids and sequences are the store's to choose; the harness maps them. Devices are kept as
 * stored (a hold that ran out is still there until a write records its expiry) and compared as a
 * read reports them ({@link State#equals}).
 */
final class RegistryModel {

    /** The default TTL of the model test's registry: holds that state none end this long after they begin. */
    static final Duration HOLD_TTL = Duration.ofMinutes(10);
    /** The model test registry's maximum hold lifetime. */
    static final Duration MAX_HOLD_LIFETIME = Duration.ofMinutes(30);

    private RegistryModel() {
    }

    /** A hold as the model knows it; {@code expiresAt} null for one that never ends. */
    record ModelHold(@Nullable String holder, Instant reservedAt, @Nullable Instant expiresAt) {
        boolean activeAt(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }
    }

    /** A device as the model knows it: a {@link io.devreg.Device} with its ordinal in place of its id. */
    record ModelDevice(int ordinal, String type, UUID uuid, @Nullable String serialNumber, @Nullable String mac,
            DeviceStatus status, @Nullable String name, @Nullable String version, Instant createdAt,
            Instant lastUpdatedAt, boolean online, long revision, @Nullable ModelHold hold, @Nullable String account) {

        /** Whether it is stored as reserved with a hold that ran out by {@code now}. */
        boolean expiredAt(Instant now) {
            return status == DeviceStatus.RESERVED && hold != null && !hold.activeAt(now);
        }

        /** As a read at {@code now} reports it: a hold that ran out reads as available, nothing else changed. */
        ModelDevice readAt(Instant now) {
            return expiredAt(now) ? new ModelDevice(ordinal, type, uuid, serialNumber, mac, DeviceStatus.AVAILABLE,
                    name, version, createdAt, lastUpdatedAt, online, revision, null, null) : this;
        }

        /** This device moved to {@code to} at {@code at}, with this hold and account, one revision on. */
        ModelDevice moved(DeviceStatus to, @Nullable ModelHold newHold, @Nullable String newAccount, Instant at) {
            return new ModelDevice(ordinal, type, uuid, serialNumber, mac, to, name, version, createdAt, at, online,
                    revision + 1, newHold, newAccount);
        }

        /** This device with these attributes, updated at {@code at}. */
        ModelDevice updated(@Nullable String newName, @Nullable String newVersion, boolean newOnline, Instant at) {
            return new ModelDevice(ordinal, type, uuid, serialNumber, mac, status, newName, newVersion, createdAt, at,
                    newOnline, revision + 1, hold, account);
        }
    }

    /** An event of the device with this ordinal; its sequence is checked by the harness instead. */
    record ModelEvent(int ordinal, DeviceOperation operation, @Nullable DeviceStatus from, DeviceStatus to, Instant at,
            @Nullable String holder, @Nullable String account, @Nullable String key) {
    }

    /** A usage interval of the device with this ordinal. */
    record ModelInterval(int ordinal, String account, Instant from, Instant to) {
    }

    /** What an idempotency key recorded: the request it was first used with, and the device that write returned. */
    record KeyRecord(List<Object> request, ModelDevice device) {
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

    /** A listing, a history, a window of the feed or usage intervals. */
    record Listed(List<?> items) implements Outcome {
    }

    /** A count: of holds {@code expireHolds} ended. */
    record Counted(int count) implements Outcome {
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
     * The whole observable state: every device in registration order (as stored), the feed in order,
     * the last outcome, the number of operations run (the clock moves one tick per operation), how
     * far the clock was moved besides, and the idempotency keys recorded (not observable directly:
     * not part of equality).
     */
    record State(List<ModelDevice> devices, List<ModelEvent> events, Outcome outcome, int steps, Duration advanced,
            Map<String, KeyRecord> keys) {

        static final State EMPTY = new State(List.of(), List.of(), new NoOutcome(), 0, Duration.ZERO, Map.of());

        /** When the operation now starting happens. */
        Instant now() {
            return StoreSpec.micros(StoreSpec.START.plus(StoreSpec.TICK.multipliedBy(steps + 1L)).plus(advanced));
        }

        /** When the last operation happened: the time the devices are read at. */
        Instant readTime() {
            return StoreSpec.micros(StoreSpec.START.plus(StoreSpec.TICK.multipliedBy(steps)).plus(advanced));
        }

        /** The first stored device {@code matches} accepts. */
        Optional<ModelDevice> find(Predicate<ModelDevice> matches) {
            return devices.stream().filter(matches).findFirst();
        }

        /** The devices as a read at the last operation's time reports them. */
        List<ModelDevice> readDevices() {
            Instant at = readTime();
            return devices.stream().map(device -> device.readAt(at)).toList();
        }

        /** The next state: one more step, this outcome, devices and events unchanged. */
        State answer(Outcome answer) {
            return new State(devices, events, answer, steps + 1, advanced, keys);
        }

        /** The clock moved by {@code duration}, nothing else. */
        State advance(Duration duration) {
            return new State(devices, events, outcome, steps, advanced.plus(duration), keys);
        }

        /** The next state with {@code changed} stored (replaced or added), these events, and {@code device} returned. */
        State store(ModelDevice changed, List<ModelEvent> newEvents) {
            return store(List.of(changed), newEvents, new Returned(changed));
        }

        /** The next state with {@code changed} stored (each replaced or added), these events, and this answer. */
        State store(List<ModelDevice> changed, List<ModelEvent> newEvents, Outcome answer) {
            List<ModelDevice> nextDevices = new ArrayList<>(devices);
            for (ModelDevice device : changed) {
                if (device.ordinal() < nextDevices.size()) {
                    nextDevices.set(device.ordinal(), device);
                } else {
                    nextDevices.add(device);
                }
            }
            List<ModelEvent> nextEvents = new ArrayList<>(events);
            nextEvents.addAll(newEvents);
            return new State(List.copyOf(nextDevices), List.copyOf(nextEvents), answer, steps + 1, advanced, keys);
        }

        /** This state with {@code key} recording {@code record}. */
        State recording(String key, KeyRecord record) {
            Map<String, KeyRecord> nextKeys = new HashMap<>(keys);
            nextKeys.put(key, record);
            return new State(devices, events, outcome, steps, advanced, Map.copyOf(nextKeys));
        }

        /**
         * Equal when a caller could not tell them apart: the devices as read now, the feed, the last
         * outcome, and the time. The harness observes devices only as read, never as stored.
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof State state && readDevices().equals(state.readDevices())
                    && events.equals(state.events) && outcome.equals(state.outcome) && steps == state.steps
                    && advanced.equals(state.advanced);
        }

        @Override
        public int hashCode() {
            return Objects.hash(readDevices(), events, outcome, steps, advanced);
        }
    }
}
