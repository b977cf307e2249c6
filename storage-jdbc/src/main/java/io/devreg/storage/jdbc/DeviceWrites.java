package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.StorageException;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteResult;
import io.devreg.storage.jdbc.TransactionRunner.Outcome;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store's writes: a dialect's conditional write ({@link Statements}), and, when it wrote
 * nothing, the read that answers instead, on the same handle: the device that holds a registration's
 * key, or the device whose status refused a transition. Should that read find the write allowed
 * after all (a concurrent write changed the device, or the colliding registration rolled back, in
 * between), the write runs again, within the {@link TransactionRunner}'s one bound on attempts. The
 * cache, if any, learns every applied write, and forgets everything after a write whose outcome is
 * unknown.
 */
final class DeviceWrites {

    private final Statements statements;
    private final TransactionRunner runner;
    private final @Nullable DeviceCache cache;

    DeviceWrites(Statements statements, TransactionRunner runner, @Nullable DeviceCache cache) {
        this.statements = statements;
        this.runner = runner;
        this.cache = cache;
    }

    WriteResult insert(NewDevice device, Instant at) {
        return runner.write(() -> "register " + device, statements.insert(device, at).map(WriteResult.Applied::new),
                handle -> {
                    for (DeviceRef key : DeviceCache.uniqueKeys(device.uuid(), device.type(), device.mac(),
                            device.serialNumber())) {
                        Optional<Device> holder = statements.find(handle, key);
                        if (holder.isPresent()) {
                            return Outcome.answer(new WriteResult.Refused(holder.get()));
                        }
                    }
                    return Outcome.again("the registration it collided with rolled back");
                });
    }

    WriteResult transition(DeviceRef ref, Transition transition) {
        return conditionally(() -> transition.operation() + " " + ref, ref, statements.transition(ref, transition),
                transition::appliesTo);
    }

    WriteResult update(DeviceRef ref, DeviceUpdate update, Instant at) {
        return conditionally(() -> "update " + ref, ref, statements.update(ref, update, at), update::appliesTo);
    }

    private WriteResult conditionally(Supplier<String> what, DeviceRef ref, Write<Device> write, Predicate<Device> applies) {
        WriteResult result;
        try {
            result = runner.write(what, write.map(WriteResult.Applied::new), handle -> {
                Optional<Device> current = statements.find(handle, ref);
                if (current.isEmpty()) {
                    return Outcome.answer(WriteResult.NOT_FOUND);
                }
                return applies.test(current.get()) ? Outcome.again("the device changed concurrently and now allows it")
                        : Outcome.answer(new WriteResult.Refused(current.get()));
            });
        } catch (StorageException e) {
            if (cache != null && e.outcomeUnknown()) {
                cache.forgetAll(); // the write may have committed: a cached device may be older than the database
            }
            throw e;
        }
        if (cache != null && result instanceof WriteResult.Applied applied) {
            cache.written(applied.device());
        }
        return result;
    }
}
