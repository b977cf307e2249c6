package io.devreg.spi;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.TransitionTable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One conditional status change for {@link DeviceStore#transition}: if the device's status is in
 * {@link #from()}, set it to {@link #to()}, bump its revision, set its last update time to
 * {@link #at()}, and append the event.
 *
 * @param operation what the event records
 * @param from      the statuses the change may start from; never empty
 * @param to        the status after the change
 * @param at        the time of the change, truncated to microseconds
 */
public record Transition(DeviceOperation operation, Set<DeviceStatus> from, DeviceStatus to, Instant at) {

    /** Checks the components; {@code from} is copied and must not be empty. */
    public Transition {
        Objects.requireNonNull(operation, "operation");
        from = Set.copyOf(from);
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (from.isEmpty()) {
            throw new IllegalArgumentException("A transition starts from at least one status");
        }
    }

    /** The transition of a rule of the {@link TransitionTable}, happening {@code at}. */
    public static Transition of(TransitionTable.Rule rule, Instant at) {
        return new Transition(rule.operation(), rule.from(), rule.to(), at);
    }

    /** Whether this transition may start from {@code current}'s status. */
    public boolean appliesTo(Device current) {
        return from.contains(current.status());
    }

    /** {@code current} after this transition. */
    public Device applyTo(Device current) {
        return current.withStatus(to, at);
    }

    /** The event that records this transition of {@code before}. */
    public DeviceEvent event(long sequence, Device before) {
        return new DeviceEvent(sequence, before.id(), operation, before.status(), to, at);
    }
}
