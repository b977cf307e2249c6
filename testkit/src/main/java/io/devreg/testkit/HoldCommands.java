package io.devreg.testkit;

import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.RESERVED;

import io.devreg.Activation;
import io.devreg.DeviceOperation;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.testkit.RegistryModel.Counted;
import io.devreg.testkit.RegistryModel.Invalid;
import io.devreg.testkit.RegistryModel.Listed;
import io.devreg.testkit.RegistryModel.ModelDevice;
import io.devreg.testkit.RegistryModel.ModelEvent;
import io.devreg.testkit.RegistryModel.ModelHold;
import io.devreg.testkit.RegistryModel.Refused;
import io.devreg.testkit.RegistryModel.Returned;
import io.devreg.testkit.RegistryModel.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The model test's version 2 commands: holds with holders and TTLs, extensions, releases by the
 * holder, activations on accounts, the expiry sweep, usage, and time passing. Each states its
 * expectation from API.md's rules, with {@link ModelRules}.
 */
final class HoldCommands {

    private HoldCommands() {
    }

    /** A TTL as a caller may give it: none (the registry's default), or a duration the registry accepts or not. */
    record Ttl(@Nullable Duration value, boolean valid) {
        /** The TTL the hold gets: its own, or the model registry's default. */
        Duration resolved() {
            return value != null ? value : RegistryModel.HOLD_TTL;
        }

        @Override
        public String toString() {
            return value == null ? "default" : value + (valid ? "" : " (invalid)");
        }
    }

    /** A device the model finds by {@code ref}, read now, or the answer when there is none or the input is invalid. */
    private record Target(@Nullable ModelDevice stored, @Nullable ModelDevice read, @Nullable State answered) {
    }

    /** The reference is made first, so its own errors come alone; the other fields' errors then come together. */
    private static Target target(State state, ModelRef ref, Set<String> invalid) {
        if (!ref.invalidFields().isEmpty()) {
            return new Target(null, null, state.answer(new Invalid(ref.invalidFields())));
        }
        if (!invalid.isEmpty()) {
            return new Target(null, null, state.answer(new Invalid(invalid)));
        }
        Optional<ModelDevice> found = ref.resolve(state);
        if (found.isEmpty()) {
            return new Target(null, null, state.answer(new Refused(ErrorCode.DEVICE_NOT_FOUND, null)));
        }
        return new Target(found.get(), found.get().readAt(state.now()), null);
    }

    private static Set<String> checked(@Nullable Spelling holder, @Nullable Ttl ttl, @Nullable Spelling account) {
        Set<String> invalid = new LinkedHashSet<>();
        if (holder != null && !holder.valid()) {
            invalid.add("holder");
        }
        if (ttl != null && !ttl.valid()) {
            invalid.add("ttl");
        }
        if (account != null && !account.valid()) {
            invalid.add("account");
        }
        return invalid;
    }

    private static State refusedIn(State state, ModelDevice read) {
        return state.answer(new Refused(LifecycleStep.refusedIn(read.status()), read));
    }

    private static @Nullable List<Object> requestOf(String operation, ModelRef ref, Object... arguments) {
        List<Object> target = ref.request();
        if (target == null) {
            return null;
        }
        List<Object> request = new ArrayList<>(List.of(operation));
        request.add(target);
        request.addAll(Arrays.asList(arguments));
        return request;
    }

    /** {@code reserve(ref, Hold)}: a hold for a holder; the holder's own active hold answers unchanged. */
    record Reserve(ModelRef ref, Spelling holder, Ttl ttl) implements ModelCommand.Write {
        @Override
        public void run(ModelHarness harness, @Nullable String key) {
            harness.run(key, registry -> new Returned(harness.model(
                    registry.reserve(ref.toRef(harness), new Hold(holder.raw(), ttl.value())))));
        }

        @Override
        public @Nullable List<Object> request() {
            return requestOf(DeviceOperation.RESERVE.name(), ref, holder.value(), ttl.resolved());
        }

        @Override
        public State next(State state, @Nullable String key) {
            Target target = target(state, ref, checked(holder, ttl, null));
            if (target.answered() != null) {
                return target.answered();
            }
            ModelDevice read = target.read();
            Instant now = state.now();
            if (read.status() == AVAILABLE) {
                return ModelRules.move(state, target.stored(), DeviceOperation.RESERVE, RESERVED,
                        new ModelHold(holder.value(), now, now.plus(ttl.resolved())), null, key);
            }
            if (read.status() == RESERVED && holder.value().equals(read.hold().holder())) {
                return state.answer(new Returned(read));
            }
            return refusedIn(state, read);
        }
    }

    /** {@code extend(ref, Hold)}: the holder moves its hold's expiry, within the maximum lifetime. */
    record Extend(ModelRef ref, Spelling holder, Ttl ttl) implements ModelCommand.Write {
        @Override
        public void run(ModelHarness harness, @Nullable String key) {
            harness.run(key, registry -> new Returned(harness.model(
                    registry.extend(ref.toRef(harness), new Hold(holder.raw(), ttl.value())))));
        }

        @Override
        public @Nullable List<Object> request() {
            return requestOf(DeviceOperation.EXTEND.name(), ref, holder.value(), ttl.resolved());
        }

        @Override
        public State next(State state, @Nullable String key) {
            Target target = target(state, ref, checked(holder, ttl, null));
            if (target.answered() != null) {
                return target.answered();
            }
            ModelDevice read = target.read();
            if (read.status() != RESERVED) {
                return refusedIn(state, read);
            }
            ModelHold hold = read.hold();
            if (!holder.value().equals(hold.holder())) {
                return state.answer(new Refused(ErrorCode.DEVICE_RESERVED, read));
            }
            Instant expiresAt = state.now().plus(ttl.resolved());
            if (expiresAt.isAfter(hold.reservedAt().plus(RegistryModel.MAX_HOLD_LIFETIME))) {
                return state.answer(new Refused(ErrorCode.HOLD_LIFETIME_EXCEEDED, read));
            }
            return ModelRules.move(state, target.stored(), DeviceOperation.EXTEND, RESERVED,
                    new ModelHold(hold.holder(), hold.reservedAt(), expiresAt), null, key);
        }
    }

    /** {@code release(ref, holder)}: only the holder of the active hold ends it. */
    record ReleaseBy(ModelRef ref, Spelling holder) implements ModelCommand.Write {
        @Override
        public void run(ModelHarness harness, @Nullable String key) {
            harness.run(key, registry -> new Returned(harness.model(registry.release(ref.toRef(harness), holder.raw()))));
        }

        @Override
        public @Nullable List<Object> request() {
            return requestOf(DeviceOperation.RELEASE.name(), ref, holder.value());
        }

        @Override
        public State next(State state, @Nullable String key) {
            Target target = target(state, ref, checked(holder, null, null));
            if (target.answered() != null) {
                return target.answered();
            }
            ModelDevice read = target.read();
            if (read.status() != RESERVED) {
                return refusedIn(state, read);
            }
            if (!holder.value().equals(read.hold().holder())) {
                return state.answer(new Refused(ErrorCode.DEVICE_RESERVED, read));
            }
            return ModelRules.move(state, target.stored(), DeviceOperation.RELEASE, AVAILABLE, null, null, key);
        }
    }

    /** {@code activate(ref, Activation)}: on an account, by the hold's holder or skipping the reserve check. */
    record ActivateOn(ModelRef ref, Spelling account, Spelling holder, boolean skipReserveCheck)
            implements ModelCommand.Write {
        @Override
        public void run(ModelHarness harness, @Nullable String key) {
            harness.run(key, registry -> new Returned(harness.model(registry.activate(ref.toRef(harness),
                    new Activation(account.raw(), holder.raw(), skipReserveCheck)))));
        }

        @Override
        public @Nullable List<Object> request() {
            return requestOf("activate", ref, account.value(), holder.value(), skipReserveCheck);
        }

        @Override
        public State next(State state, @Nullable String key) {
            Target target = target(state, ref, checked(holder, null, account));
            if (target.answered() != null) {
                return target.answered();
            }
            ModelDevice read = target.read();
            boolean allowed = read.status() == AVAILABLE || read.status() == RESERVED && (skipReserveCheck
                    || holder.value() != null && holder.value().equals(read.hold().holder()));
            if (!allowed) {
                return refusedIn(state, read);
            }
            return ModelRules.move(state, target.stored(), DeviceOperation.ACTIVATE, io.devreg.DeviceStatus.ACTIVATED,
                    null, account.value(), key);
        }
    }

    /** {@code expireHolds(limit)}: the holds that ran out end, earliest expiry first, up to the limit. */
    record ExpireHolds(int limit) implements ModelCommand {
        @Override
        public void run(ModelHarness harness) {
            harness.run(registry -> new Counted(registry.expireHolds(limit)));
        }

        @Override
        public State nextState(State state) {
            if (limit < 1 || limit > 10_000) {
                return state.answer(new Invalid(Set.of("limit")));
            }
            Instant now = state.now();
            List<ModelDevice> ended = ModelRules.expired(state, now).stream().limit(limit).toList();
            List<ModelDevice> changed = new ArrayList<>();
            List<ModelEvent> events = new ArrayList<>();
            for (ModelDevice device : ended) {
                changed.add(device.moved(AVAILABLE, null, null, now));
                events.add(ModelRules.expiry(device, now, null));
            }
            return state.store(changed, events, new Counted(ended.size()));
        }
    }

    /** {@code usage(account, from, to)}, over a period given in steps of four minutes from the start. */
    record Usage(Spelling account, int fromStep, int steps) implements ModelCommand {
        private static final Duration STEP = Duration.ofMinutes(4);

        private Instant from() {
            return StoreSpec.START.plus(STEP.multipliedBy(fromStep));
        }

        private Instant to() {
            return from().plus(STEP.multipliedBy(steps));
        }

        @Override
        public void run(ModelHarness harness) {
            harness.run(registry -> new Listed(registry.usage(account.raw(), from(), to()).stream()
                    .map(harness::model).toList()));
        }

        @Override
        public State nextState(State state) {
            Set<String> invalid = new LinkedHashSet<>();
            if (!account.valid() || account.value() == null) {
                invalid.add("account");
            }
            if (steps < 0) {
                invalid.add("to");
            }
            if (!invalid.isEmpty()) {
                return state.answer(new Invalid(invalid));
            }
            return state.answer(new Listed(ModelRules.usage(state, account.value(), from(), to())));
        }
    }

    /** Time passes between operations: holds run out. */
    record AdvanceClock(Duration duration) implements ModelCommand {
        @Override
        public void run(ModelHarness harness) {
            harness.advance(duration);
        }

        @Override
        public State nextState(State state) {
            return state.advance(duration);
        }
    }
}
