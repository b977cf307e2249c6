package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowResult;
import io.devreg.spi.StorageException;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import io.devreg.storage.jdbc.TransactionRunner.Outcome;
import io.devreg.storage.jdbc.TransactionRunner.Work;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;

/**
 * The store's writes: a dialect's conditional write ({@link Statements}, or {@link LockedWrites} where
 * one statement cannot say it), and, when it wrote nothing, the read that answers instead, on the same
 * handle: the device that holds a registration's key, or the device whose state refused the write.
 * Should that read find the write allowed after all (a concurrent write changed the device, or the
 * colliding registration rolled back, in between), the write runs again, within the
 * {@link TransactionRunner}'s one bound on attempts.
 *
 * <p><b>Idempotency keys.</b> A write under a key records the key, with the request's fingerprint and
 * the device it returns, in the write's transaction, after the write ({@link KeyStatements}): a
 * refused write records nothing. When the key is recorded already, either the write is refused (and
 * the read that answers finds the record first) or the record's insert fails, which undoes the write
 * and runs the operation again, reading the record first. Either way the answer is
 * {@link WriteResult.Recorded} and nothing is written.
 *
 * <p>The cache, if any, learns every applied write, and forgets everything after a write whose outcome
 * is unknown.
 */
final class DeviceWrites {

    private final Statements statements;
    private final TransactionRunner runner;
    private final LockedWrites locked;
    private final BulkWrites bulk;
    private final @Nullable DeviceCache cache;

    DeviceWrites(Statements statements, TransactionRunner runner, @Nullable DeviceCache cache) {
        this.statements = statements;
        this.runner = runner;
        this.locked = new LockedWrites(statements);
        this.cache = cache;
        this.bulk = new BulkWrites(statements, runner, this);
    }

    WriteResult insert(NewDevice device, WriteContext context) {
        return learn(() -> runner.write(() -> "register " + device,
                keyed(context, statements.insert(device, context, 0), false),
                recordedOr(context, handle -> collided(handle, device))));
    }

    /** Answers a registration that wrote nothing: the device holding one of its keys, or "again". */
    private Outcome<WriteResult> collided(org.jdbi.v3.core.Handle handle, NewDevice device) {
        for (DeviceRef key : DeviceCache.uniqueKeys(device.uuid(), device.type(), device.mac(),
                device.serialNumber())) {
            Optional<Device> holder = statements.find(handle, key);
            if (holder.isPresent()) {
                return Outcome.answer(new WriteResult.Refused(holder.get()));
            }
        }
        return Outcome.again("the registration it collided with rolled back");
    }

    WriteResult transition(DeviceRef ref, Transition transition, WriteContext context) {
        Write<Device> oneStatement = statements.transition(ref, transition, context); // records the key itself
        Write<WriteResult> write = oneStatement != null ? keyed(context, oneStatement, true)
                : keyed(context, locked.transition(ref, transition, context), false);
        return conditionally(() -> transition.operation() + " " + ref, ref, context, write,
                current -> transition.appliesTo(current, context.at()));
    }

    WriteResult update(DeviceRef ref, DeviceUpdate update, WriteContext context) {
        return conditionally(() -> "update " + ref, ref, context,
                keyed(context, statements.update(ref, update, context.at()), false), update::appliesTo);
    }

    /** Registers the rows, as {@link BulkWrites} does. */
    List<RowResult> insertAll(List<NewDevice> devices, ImportMode mode, WriteContext context) {
        return bulk.insertAll(devices, mode, context);
    }

    /** Ends up to {@code limit} holds that ran out, in one transaction; how many it ended. */
    int expireHolds(int limit, WriteContext context) {
        List<Device> ended = learnAll(() -> runner.transaction(() -> "end holds that ran out by " + context.at(),
                handle -> statements.expire(handle, limit, context)), devices -> devices);
        return ended.size();
    }

    /** Deletes up to {@code limit} keys recorded before {@code before}, in one transaction; how many it deleted. */
    int purgeIdempotencyKeys(Instant before, int limit) {
        return runner.transaction(() -> "delete idempotency keys recorded before " + before,
                handle -> statements.keys().purge(handle, before, limit));
    }

    /** Runs {@code work}, then tells the cache about the devices it wrote, which {@code written} finds in its result. */
    <T> T learnAll(Supplier<T> work, Function<T, List<Device>> written) {
        T result;
        try {
            result = work.get();
        } catch (StorageException e) {
            forgetIfUnknown(e);
            throw e;
        }
        if (cache != null) {
            written.apply(result).forEach(cache::written);
        }
        return result;
    }

    private WriteResult conditionally(Supplier<String> what, DeviceRef ref, WriteContext context,
            Write<WriteResult> write, Predicate<Device> applies) {
        return learn(() -> runner.write(what, write, recordedOr(context, handle -> {
            Optional<Device> current = statements.find(handle, ref);
            if (current.isEmpty()) {
                return Outcome.answer(WriteResult.NOT_FOUND);
            }
            return applies.test(current.get()) ? Outcome.again("the device changed concurrently and now allows it")
                    : Outcome.answer(new WriteResult.Refused(current.get()));
        })));
    }

    /**
     * {@code write} as a {@link WriteResult}, under the context's idempotency key if it has one: then
     * the key is recorded with the device it returns, by the write itself ({@code recordsKey}) or by an
     * insert after it. Should the key turn out recorded by a concurrent write that committed, the
     * attempt is undone and the next one answers that write's record.
     */
    private Write<WriteResult> keyed(WriteContext context, Write<Device> write, boolean recordsKey) {
        if (!context.keyed()) {
            return write.map(WriteResult.Applied::new);
        }
        String key = Objects.requireNonNull(context.idempotencyKey());
        String fingerprint = Objects.requireNonNull(context.fingerprint());
        KeyStatements keys = statements.keys();
        Work<Optional<Device>> work = write.work();
        AtomicBoolean recordedConcurrently = new AtomicBoolean(); // this operation's, across its attempts
        return new Write<>(write.isOneStatement() && recordsKey, handle -> {
            if (recordedConcurrently.get()) {
                Optional<KeyStatements.Recorded> recorded = keys.read(handle, key);
                if (recorded.isPresent()) {
                    return Optional.of(recorded(recorded.get()));
                }
            }
            try {
                Optional<Device> written = work.on(handle);
                if (written.isPresent() && !recordsKey) {
                    keys.record(handle, key, fingerprint, context.at(), written.get().asOf(context.at()));
                }
                return written.map(WriteResult.Applied::new);
            } catch (JdbiException e) {
                if (!Failures.isDuplicateKey(e)) {
                    throw e;
                }
                recordedConcurrently.set(true);
                throw new TransactionRunner.RunAgain("a concurrent write recorded the idempotency key first", e);
            }
        });
    }

    /** {@code otherwise} for a write that wrote nothing, preceded, under an idempotency key, by the key's record. */
    private Work<Outcome<WriteResult>> recordedOr(WriteContext context, Work<Outcome<WriteResult>> otherwise) {
        if (!context.keyed()) {
            return otherwise;
        }
        String key = Objects.requireNonNull(context.idempotencyKey());
        return handle -> {
            Optional<KeyStatements.Recorded> recorded = statements.keys().read(handle, key);
            return recorded.isPresent() ? Outcome.answer(recorded(recorded.get())) : otherwise.on(handle);
        };
    }

    private static WriteResult recorded(KeyStatements.Recorded recorded) {
        return new WriteResult.Recorded(recorded.fingerprint(), recorded.device());
    }

    /** Runs a write; the cache learns what it applied, or forgets everything if its outcome is unknown. */
    private WriteResult learn(Supplier<WriteResult> write) {
        return learnAll(write, result -> result instanceof WriteResult.Applied applied ? List.of(applied.device())
                : List.of());
    }

    private void forgetIfUnknown(StorageException e) {
        if (cache != null && e.outcomeUnknown()) {
            cache.forgetAll(); // the write may have committed: a cached device may be older than the database
        }
    }
}
