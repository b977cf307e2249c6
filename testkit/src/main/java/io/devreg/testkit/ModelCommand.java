package io.devreg.testkit;

import io.devreg.ActivateRequest;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import io.devreg.testkit.RegistryModel.Found;
import io.devreg.testkit.RegistryModel.Invalid;
import io.devreg.testkit.RegistryModel.Listed;
import io.devreg.testkit.RegistryModel.ModelDevice;
import io.devreg.testkit.RegistryModel.ModelEvent;
import io.devreg.testkit.RegistryModel.ModelHold;
import io.devreg.testkit.RegistryModel.Refused;
import io.devreg.testkit.RegistryModel.Returned;
import io.devreg.testkit.RegistryModel.State;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.stateful.Command;

/**
 * One operation of the stateful model test: {@link #run} performs it on the registry over the store
 * under test, {@link #nextState} says what the reference model expects. Every expectation is
 * written here from the API's rules, never delegated to devreg's code.
 */
interface ModelCommand extends Command<ModelHarness, State> {

    /**
     * A write, which may also run through a view with an idempotency key ({@link Keyed}): it runs
     * under the key, its events carry it, and {@link #request()} is what the key records.
     */
    interface Write extends ModelCommand {

        /** Runs the write on the registry, through a view with {@code key} when it is not null. */
        void run(ModelHarness harness, @Nullable String key);

        /** What the model expects of the write made under {@code key} (none when null). */
        State next(State state, @Nullable String key);

        /** The request as the key checks it: operation and normalized arguments; null when invalid. */
        @Nullable List<Object> request();

        @Override
        default void run(ModelHarness harness) {
            run(harness, null);
        }

        @Override
        default State nextState(State state) {
            return next(state, null);
        }
    }

    /**
     * A write made with an idempotency key: a key already recorded with the same request answers
     * the recorded device and changes nothing; with another request it is refused with
     * IDEMPOTENCY_KEY_REUSED; otherwise the write runs, and if it changed a device the key records
     * the request and the device returned. Invalid input is rejected before the key is looked at.
     */
    record Keyed(String key, Write write) implements ModelCommand {

        @Override
        public void run(ModelHarness harness) {
            write.run(harness, key);
        }

        @Override
        public State nextState(State state) {
            State fresh = write.next(state, key);
            if (fresh.outcome() instanceof Invalid) {
                return fresh;
            }
            RegistryModel.KeyRecord recorded = state.keys().get(key);
            if (recorded != null) {
                return state.answer(recorded.request().equals(write.request()) ? new Returned(recorded.device())
                        : new Refused(ErrorCode.IDEMPOTENCY_KEY_REUSED, null));
            }
            if (fresh.outcome() instanceof Returned returned && !fresh.devices().equals(state.devices())) {
                return fresh.recording(key, new RegistryModel.KeyRecord(write.request(), returned.device()));
            }
            return fresh;
        }
    }

    /** Registers a device; invalid input, duplicates and fresh identities alike. */
    record Register(Spelling type, Spelling mac, Spelling serialNumber, UUID uuid, Spelling name, Spelling version,
            boolean online) implements Write {

        @Override
        public void run(ModelHarness harness, @Nullable String key) {
            harness.run(key, registry -> {
                NewDevice device = NewDevice.builder(type.raw()).mac(mac.raw()).serialNumber(serialNumber.raw())
                        .uuid(uuid).name(name.raw()).version(version.raw()).online(online).build();
                try {
                    return new Returned(harness.registered(registry.register(device)));
                } catch (DeviceException e) {
                    if (e.code() != ErrorCode.DEVICE_ALREADY_REGISTERED) {
                        throw e;
                    }
                    harness.checkConflict(device, e);
                    return new Refused(e.code(), null);
                }
            });
        }

        @Override
        public @Nullable List<Object> request() {
            return Arrays.asList("register", type.value(), mac.value(), serialNumber.value(), name.value(),
                    version.value(), online, uuid);
        }

        @Override
        public State next(State state, @Nullable String key) {
            Set<String> invalid = new LinkedHashSet<>();
            check(type, "type", invalid);
            check(mac, "mac", invalid);
            check(serialNumber, "serial_number", invalid);
            check(name, "name", invalid);
            check(version, "version", invalid);
            if (!invalid.isEmpty()) {
                return state.answer(new Invalid(invalid));
            }
            String t = type.value();
            boolean taken = state.find(d -> d.uuid().equals(uuid) || d.type().equals(t)
                    && (mac.value() != null && mac.value().equals(d.mac())
                    || serialNumber.value() != null && serialNumber.value().equals(d.serialNumber()))).isPresent();
            if (taken) {
                return state.answer(new Refused(ErrorCode.DEVICE_ALREADY_REGISTERED, null));
            }
            Instant now = state.now();
            ModelDevice device = new ModelDevice(state.devices().size(), type.value(), uuid, serialNumber.value(),
                    mac.value(), DeviceStatus.INITIALIZING, name.value(), version.value(), now, now, online, 1, null, null);
            return state.store(device, List.of(new ModelEvent(device.ordinal(), DeviceOperation.REGISTER, null,
                    DeviceStatus.INITIALIZING, now, null, null, key)));
        }
    }

    /** A status change; by identity, reserve and activate go through the billing API's request bodies. */
    record Transition(LifecycleStep step, ModelRef ref) implements Write {

        @Override
        public void run(ModelHarness harness, @Nullable String key) {
            harness.run(key, registry -> {
                if (ref instanceof ModelRef.ByIdentity id && step == LifecycleStep.RESERVE) {
                    return new Returned(harness.model(registry.reserve(
                            new ReserveRequest(id.type().raw(), id.mac().raw(), id.serialNumber().raw()))));
                }
                if (ref instanceof ModelRef.ByIdentity id && step.activates()) {
                    return new Returned(harness.model(registry.activate(new ActivateRequest(id.type().raw(),
                            id.mac().raw(), id.serialNumber().raw(), step == LifecycleStep.ACTIVATE_SKIPPING_RESERVE_CHECK))));
                }
                return new Returned(harness.model(step.apply(registry, ref.toRef(harness))));
            });
        }

        /** As core fingerprints them: reserve and activate name their hold and account arguments, absent here. */
        @Override
        public @Nullable List<Object> request() {
            List<Object> target = ref.request();
            if (target == null) {
                return null;
            }
            return switch (step) {
                case ACTIVATE, ACTIVATE_SKIPPING_RESERVE_CHECK -> Arrays.asList("activate", target, null, null,
                        step == LifecycleStep.ACTIVATE_SKIPPING_RESERVE_CHECK);
                case FORCE_RELEASE -> Arrays.asList("force_release", target, LifecycleStep.REASON);
                default -> Arrays.asList(step.operation(), target);
            };
        }

        @Override
        public State next(State state, @Nullable String key) {
            Set<String> invalid = ref.invalidFields();
            if (!invalid.isEmpty()) {
                return state.answer(new Invalid(invalid));
            }
            Optional<ModelDevice> found = ref.resolve(state);
            if (found.isEmpty()) {
                return state.answer(new Refused(ErrorCode.DEVICE_NOT_FOUND, null));
            }
            Instant now = state.now();
            ModelDevice read = found.get().readAt(now);
            DeviceStatus to = step.target(read.status());
            if (to == null) {
                return state.answer(new Refused(LifecycleStep.refusedIn(read.status()), read));
            }
            // every hold the model's registry makes without a TTL of its own ends after the default TTL
            ModelHold hold = new ModelHold(null, now, now.plus(RegistryModel.HOLD_TTL));
            return ModelRules.move(state, found.get(), step.operation(), to, hold, null, key);
        }
    }

    /**
     * An attribute update. A null name or version is not set; {@code expectedRevision} 0 is not set,
     * and a negative one is invalid.
     */
    record Update(ModelRef ref, @Nullable Spelling name, @Nullable Spelling version, @Nullable Boolean online,
            long expectedRevision) implements Write {

        @Override
        public void run(ModelHarness harness, @Nullable String key) {
            harness.run(key, registry -> {
                DeviceRef target = ref.toRef(harness);
                DeviceUpdate.Builder update = DeviceUpdate.builder();
                if (name != null) {
                    update.name(name.raw());
                }
                if (version != null) {
                    update.version(version.raw());
                }
                if (online != null) {
                    update.online(online);
                }
                if (expectedRevision != 0) {
                    update.expectedRevision(expectedRevision);
                }
                return new Returned(harness.model(registry.update(target, update.build())));
            });
        }

        @Override
        public @Nullable List<Object> request() {
            List<Object> target = ref.request();
            return target == null ? null : Arrays.asList("update", target, name == null ? null : List.of(
                    String.valueOf(name.value())), version == null ? null : List.of(String.valueOf(version.value())),
                    online, expectedRevision);
        }

        @Override
        public State next(State state, @Nullable String key) {
            Set<String> invalid = ref.invalidFields();
            if (invalid.isEmpty()) {
                invalid = new LinkedHashSet<>();
                if (name != null) {
                    check(name, "name", invalid);
                }
                if (version != null) {
                    check(version, "version", invalid);
                }
                if (expectedRevision < 0) {
                    invalid.add("expected_revision");
                }
                if (name == null && version == null && online == null) {
                    invalid.add("update");
                }
            }
            if (!invalid.isEmpty()) {
                return state.answer(new Invalid(invalid));
            }
            Optional<ModelDevice> found = ref.resolve(state);
            if (found.isEmpty()) {
                return state.answer(new Refused(ErrorCode.DEVICE_NOT_FOUND, null));
            }
            ModelDevice device = found.get();
            if (expectedRevision != 0 && expectedRevision != device.revision()) {
                return state.answer(new Refused(ErrorCode.REVISION_MISMATCH, device.readAt(state.now())));
            }
            ModelDevice updated = device.updated(name != null ? name.value() : device.name(),
                    version != null ? version.value() : device.version(),
                    online != null ? online : device.online(), state.now());
            // an update appends no event, so it records no expiry: a hold that ran out still reads as over
            return state.store(List.of(updated), List.of(), new Returned(updated.readAt(state.now())));
        }
    }

    /** {@code get} or {@code find} of one device. */
    record Lookup(ModelRef ref, boolean orFail) implements ModelCommand {

        @Override
        public void run(ModelHarness harness) {
            harness.run(registry -> orFail
                    ? new Returned(harness.model(registry.get(ref.toRef(harness))))
                    : new Found(registry.find(ref.toRef(harness)).map(harness::model)));
        }

        @Override
        public State nextState(State state) {
            Set<String> invalid = ref.invalidFields();
            if (!invalid.isEmpty()) {
                return state.answer(new Invalid(invalid));
            }
            Instant now = state.now();
            Optional<ModelDevice> found = ref.resolve(state).map(device -> device.readAt(now));
            if (!orFail) {
                return state.answer(new Found(found));
            }
            return state.answer(found.<RegistryModel.Outcome>map(Returned::new)
                    .orElse(new Refused(ErrorCode.DEVICE_NOT_FOUND, null)));
        }
    }

    /** One device's history. */
    record History(ModelRef ref) implements ModelCommand {

        @Override
        public void run(ModelHarness harness) {
            harness.run(registry -> new Listed(registry.history(ref.toRef(harness)).stream().map(harness::model).toList()));
        }

        @Override
        public State nextState(State state) {
            Set<String> invalid = ref.invalidFields();
            if (!invalid.isEmpty()) {
                return state.answer(new Invalid(invalid));
            }
            return state.answer(ref.resolve(state).<RegistryModel.Outcome>map(device -> new Listed(
                    state.events().stream().filter(event -> event.ordinal() == device.ordinal()).toList()))
                    .orElse(new Refused(ErrorCode.DEVICE_NOT_FOUND, null)));
        }
    }

    /** Every page of a filtered listing; a null type filters nothing, and so do empty statuses. */
    record ListDevices(Spelling type, Set<DeviceStatus> statuses, @Nullable Boolean online, int pageSize)
            implements ModelCommand {

        @Override
        public void run(ModelHarness harness) {
            harness.run(registry -> new Listed(harness.walk(type.raw(), statuses, online, pageSize)));
        }

        @Override
        public State nextState(State state) {
            if (!type.valid()) {
                return state.answer(new Invalid(Set.of("type")));
            }
            Instant now = state.now();
            return state.answer(new Listed(state.devices().stream()
                    .map(d -> d.readAt(now))
                    .filter(d -> type.value() == null || type.value().equals(d.type()))
                    .filter(d -> statuses.isEmpty() || statuses.contains(d.status()))
                    .filter(d -> online == null || online == d.online())
                    .toList()));
        }
    }

    /** The window of the feed that starts after its first {@code skip} events. */
    record EventsWindow(int skip, int limit) implements ModelCommand {

        @Override
        public void run(ModelHarness harness) {
            harness.run(registry -> {
                List<DeviceEvent> feed = registry.events(0, 1000);
                long after = skip == 0 || feed.isEmpty() ? 0 : feed.get(Math.min(skip, feed.size()) - 1).sequence();
                return new Listed(registry.events(after, limit).stream().map(harness::model).toList());
            });
        }

        @Override
        public State nextState(State state) {
            int size = state.events().size();
            return state.answer(new Listed(state.events().subList(Math.min(skip, size), Math.min(skip + limit, size))));
        }
    }

    private static void check(Spelling spelling, String field, Set<String> invalid) {
        if (!spelling.valid()) {
            invalid.add(field);
        }
    }
}
