package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceRef;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.storage.jdbc.Statements.Locked;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A transition written under the device's row lock: the row is read {@code FOR UPDATE}, core's
 * {@link Transition} decides whether it applies and what the device and its events become, and the
 * dialect's {@link Statements} write them under sequences it hands out. One source of truth for the
 * rules, at the price of a read before the write; the store takes this path where one statement
 * cannot say it all: always on H2, whose embedded store writes one at a time anyway.
 */
final class LockedWrites {

    private final Statements statements;

    LockedWrites(Statements statements) {
        this.statements = statements;
    }

    /** The transition as a transaction; empty when it did not apply (or must run again), having written nothing. */
    Write<Device> transition(DeviceRef ref, Transition transition, WriteContext context) {
        return Write.transaction(handle -> {
            Optional<Locked> found = statements.lock(handle, ref);
            if (found.isEmpty() || !transition.appliesTo(found.get().device(), context.at())) {
                return Optional.empty();
            }
            Device current = found.get().device();
            Device next = transition.applyTo(current, context.at());
            int count = current.holdExpiredAt(context.at()) ? 2 : 1;
            OptionalLong first = statements.firstSequence(handle, count, found.get());
            if (first.isEmpty()) {
                return Optional.empty(); // a later transaction wrote the device first: run again, later
            }
            List<DeviceEvent> events = transition.events(first.getAsLong(), current, context);
            statements.store(handle, next, events.get(events.size() - 1).sequence());
            statements.append(handle, events);
            return Optional.of(next);
        });
    }
}
