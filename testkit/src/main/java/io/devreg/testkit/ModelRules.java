package io.devreg.testkit;

import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.DEACTIVATING;
import static io.devreg.DeviceStatus.RESERVED;

import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.testkit.RegistryModel.ModelDevice;
import io.devreg.testkit.RegistryModel.ModelEvent;
import io.devreg.testkit.RegistryModel.ModelHold;
import io.devreg.testkit.RegistryModel.ModelInterval;
import io.devreg.testkit.RegistryModel.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the reference model changes a device, stated from API.md's rules on their own: a write that
 * finds a hold that ran out records its expiry first; a reserved device keeps its hold; an account
 * stays from activation to the end of deactivation; events name the hold and the account involved.
 */
final class ModelRules {

    private ModelRules() {
    }

    /** Whether a device in {@code status} is on an account. */
    static boolean onAccount(DeviceStatus status) {
        return status == ACTIVATED || status == DEACTIVATING;
    }

    /**
     * The state after {@code operation} moves {@code stored} to {@code to} now: its expiry first, if
     * its hold ran out; then the change, with {@code hold} when {@code to} is RESERVED and
     * {@code account} when the device goes onto an account; every event under {@code key}.
     */
    static State move(State state, ModelDevice stored, DeviceOperation operation, DeviceStatus to,
            @Nullable ModelHold hold, @Nullable String account, @Nullable String key) {
        Instant now = state.now();
        List<ModelEvent> events = new ArrayList<>();
        ModelDevice current = stored;
        if (stored.expiredAt(now)) {
            events.add(expiry(stored, now, key));
            current = stored.moved(AVAILABLE, null, null, now);
        }
        ModelHold newHold = to == RESERVED ? hold : null;
        String newAccount = !onAccount(to) ? null : onAccount(current.status()) ? current.account() : account;
        ModelHold eventHold = current.hold() != null ? current.hold() : newHold;
        events.add(new ModelEvent(stored.ordinal(), operation, current.status(), to, now,
                eventHold == null ? null : eventHold.holder(), newAccount != null ? newAccount : current.account(), key));
        return state.store(current.moved(to, newHold, newAccount, now), events);
    }

    /** The EXPIRE event of {@code stored}'s hold, which ran out by {@code now}. */
    static ModelEvent expiry(ModelDevice stored, Instant now, @Nullable String key) {
        return new ModelEvent(stored.ordinal(), DeviceOperation.EXPIRE, RESERVED, AVAILABLE, now,
                stored.hold() == null ? null : stored.hold().holder(), null, key);
    }

    /** The devices whose hold ran out by {@code now}, earliest expiry first, then in registration order. */
    static List<ModelDevice> expired(State state, Instant now) {
        return state.devices().stream().filter(device -> device.expiredAt(now))
                .sorted(Comparator.comparing((ModelDevice device) -> device.hold().expiresAt())
                        .thenComparingInt(ModelDevice::ordinal))
                .toList();
    }

    /**
     * The usage of {@code account} in {@code [from, to)}: per device, in registration order, each
     * ACTIVATE on the account to the device's next DEACTIVATE (or {@code to}), clipped, never empty.
     */
    static List<ModelInterval> usage(State state, String account, Instant from, Instant to) {
        List<ModelInterval> intervals = new ArrayList<>();
        for (ModelDevice device : state.devices()) {
            Instant start = null;
            for (ModelEvent event : state.events()) {
                if (event.ordinal() != device.ordinal()) {
                    continue;
                }
                if (event.operation() == DeviceOperation.ACTIVATE && account.equals(event.account())) {
                    start = event.at();
                } else if (event.operation() == DeviceOperation.DEACTIVATE && start != null) {
                    clip(intervals, device.ordinal(), account, start, event.at(), from, to);
                    start = null;
                }
            }
            if (start != null) {
                clip(intervals, device.ordinal(), account, start, to, from, to);
            }
        }
        return intervals;
    }

    private static void clip(List<ModelInterval> intervals, int ordinal, String account, Instant start, Instant end,
            Instant from, Instant to) {
        Instant clippedStart = start.isAfter(from) ? start : from;
        Instant clippedEnd = end.isBefore(to) ? end : to;
        if (clippedStart.isBefore(clippedEnd)) {
            intervals.add(new ModelInterval(ordinal, account, clippedStart, clippedEnd));
        }
    }
}
