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
import io.devreg.testkit.RegistryModel.Refused;
import io.devreg.testkit.RegistryModel.Returned;
import io.devreg.testkit.RegistryModel.State;
import java.time.Instant;
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
sealed interface ModelCommand extends Command<ModelHarness, State> {

    /** Registers a device; invalid input, duplicates and fresh identities alike. */
    record Register(Spelling type, Spelling mac, Spelling serialNumber, UUID uuid, Spelling name, Spelling version,
            boolean online) implements ModelCommand {

        @Override
        public void run(ModelHarness harness) {
            harness.run(registry -> {
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
        public State nextState(State state) {
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
                    mac.value(), DeviceStatus.INITIALIZING, name.value(), version.value(), now, now, online, 1);
            return state.store(device,
                    new ModelEvent(device.ordinal(), DeviceOperation.REGISTER, null, DeviceStatus.INITIALIZING, now));
        }
    }

    /** A status change; by identity, reserve and activate go through the billing API's request bodies. */
    record Transition(LifecycleStep step, ModelRef ref) implements ModelCommand {

        @Override
        public void run(ModelHarness harness) {
            harness.run(registry -> {
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

        @Override
        public State nextState(State state) {
            Set<String> invalid = ref.invalidFields();
            if (!invalid.isEmpty()) {
                return state.answer(new Invalid(invalid));
            }
            Optional<ModelDevice> found = ref.resolve(state);
            if (found.isEmpty()) {
                return state.answer(new Refused(ErrorCode.DEVICE_NOT_FOUND, null));
            }
            ModelDevice device = found.get();
            DeviceStatus to = step.target(device.status());
            if (to == null) {
                return state.answer(new Refused(LifecycleStep.refusedIn(device.status()), device));
            }
            Instant now = state.now();
            return state.store(device.transitioned(to, now),
                    new ModelEvent(device.ordinal(), step.operation(), device.status(), to, now));
        }
    }

    /**
     * An attribute update. A null name or version is not set; {@code expectedRevision} 0 is not set,
     * and a negative one is invalid.
     */
    record Update(ModelRef ref, @Nullable Spelling name, @Nullable Spelling version, @Nullable Boolean online,
            long expectedRevision) implements ModelCommand {

        @Override
        public void run(ModelHarness harness) {
            harness.run(registry -> {
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
        public State nextState(State state) {
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
                return state.answer(new Refused(ErrorCode.REVISION_MISMATCH, device));
            }
            return state.store(device.updated(name != null ? name.value() : device.name(),
                    version != null ? version.value() : device.version(),
                    online != null ? online : device.online(), state.now()), null);
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
            Optional<ModelDevice> found = ref.resolve(state);
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
            return state.answer(new Listed(state.devices().stream()
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
