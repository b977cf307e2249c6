package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowOutcome;
import io.devreg.RowResult;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Bulk registration: the rows in chunks of {@value #CHUNK}, each chunk one transaction whose rows end
 * as if registered one by one in order ({@link io.devreg.spi.DeviceStore#insertAll}), written in
 * batches rather than a statement set per row. A call that fails (a {@link io.devreg.spi.StorageException})
 * keeps the chunks committed before the failure.
 *
 * <p><b>A chunk.</b> Its transaction reads the stored devices that hold any of its keys in one
 * statement, decides every row in Java, in order ({@link ImportPlan}: a duplicate of the store or of
 * an earlier row fails under CREATE, names a device to update under CREATE_OR_UPDATE), then inserts
 * the new devices with their REGISTER events in one batch and updates the changed devices in another,
 * each update on the condition that the device's revision is still the one read. On PostgreSQL a
 * chunk under CREATE skips the read: its one insert statement skips, in row order, each device whose
 * key is taken, by the store or by an earlier row, which is exactly the row that registering alone
 * would refuse ({@link BulkStatements#insertsSkippingTakenKeys()}). Until a key of the call is found
 * taken, a chunk first runs the insert that stops at a taken key, which costs PostgreSQL less; when it
 * stops, the chunk is rolled back and runs again skipping taken keys, as do the call's later chunks.
 *
 * <p><b>Concurrent writers.</b> Between the read and the writes another transaction may register a
 * key of the chunk or change a device the chunk updates. The batch then finds it (a unique index
 * refuses an insert; an update finds another revision), everything the chunk wrote is rolled back,
 * and the chunk runs again one row at a time, each row a write of its own that decides on what the
 * database holds by then, exactly as registering the rows one by one would. In the embedded store,
 * whose writes run one at a time, the read is exact and this never happens.
 *
 * <p>A row never fails another: only a duplicate key fails a row, and it fails alone.
 */
final class BulkWrites {

    /** The rows of one transaction: few transactions per call, none so long that it holds many locks for long. */
    static final int CHUNK = 1000;

    private final Statements statements;
    private final TransactionRunner runner;
    private final DeviceWrites writes;

    BulkWrites(Statements statements, TransactionRunner runner, DeviceWrites writes) {
        this.statements = statements;
        this.runner = runner;
        this.writes = writes;
    }

    List<RowResult> insertAll(List<NewDevice> devices, ImportMode mode, WriteContext context) {
        List<RowResult> results = new ArrayList<>(devices.size());
        AtomicBoolean keysFree = new AtomicBoolean(true); // no key of the call found taken so far
        for (int first = 0; first < devices.size(); first += CHUNK) {
            List<NewDevice> chunk = devices.subList(first, Math.min(devices.size(), first + CHUNK));
            int offset = first;
            Supplier<String> what = () -> "register rows " + offset + " to " + (offset + chunk.size() - 1);
            results.addAll(writes.learnAll(() -> runner.transactionOrNothing(what,
                            handle -> batched(handle, offset, chunk, mode, context, keysFree))
                    .orElseGet(() -> oneByOne(offset, chunk, mode, context)),
                    BulkWrites::updated));
        }
        return results;
    }

    /** The chunk in batches; empty when a concurrent writer got in the way, and nothing of it may be kept. */
    private Optional<List<RowResult>> batched(Handle handle, int offset, List<NewDevice> rows, ImportMode mode,
            WriteContext context, AtomicBoolean keysFree) {
        Instant at = Rows.stored(context.at());
        if (mode == ImportMode.CREATE && statements.bulk().insertsSkippingTakenKeys()) {
            List<Device> devices = rows.stream().map(row -> row.toDevice(0, at)).toList();
            long[] ids;
            if (keysFree.get()) {
                Optional<long[]> all = statements.bulk().insertAll(handle, devices, context);
                if (all.isEmpty()) {
                    keysFree.set(false);
                    throw new TransactionRunner.RunAgain("a key of the chunk is taken: it runs again, skipping taken keys",
                            null);
                }
                ids = all.get();
            } else {
                ids = statements.bulk().insertAllSkippingTakenKeys(handle, devices, context);
            }
            List<RowResult> results = new ArrayList<>(rows.size());
            for (int i = 0; i < ids.length; i++) {
                results.add(ids[i] == 0 ? RowResult.failed(offset + i, ErrorCode.DEVICE_ALREADY_REGISTERED)
                        : RowResult.of(offset + i, RowOutcome.CREATED, ImportPlan.withId(devices.get(i), ids[i])));
            }
            return Optional.of(results);
        }
        ImportPlan plan = ImportPlan.decide(offset, rows, statements.bulk().keyHolders(handle, rows), mode, at);
        Optional<long[]> ids = statements.bulk().insertAll(handle, plan.newDevices(), context);
        if (ids.isEmpty() || Arrays.stream(ids.get()).anyMatch(id -> id == 0)
                || !statements.bulk().updateAll(handle, plan.updates())) {
            return Optional.empty(); // a concurrent writer took a key or changed a device since the read
        }
        return Optional.of(plan.results(ids.get()));
    }

    /**
     * The chunk one row at a time, each row a write of its own ({@link DeviceWrites}), deciding on what
     * the database holds when it runs, as registering the rows one by one would. A transaction per row
     * rather than one for all: holding the keys of many rows while waiting for another writer's is how
     * two importers would deadlock (on H2, also over the event counter, which a registration locks).
     */
    private List<RowResult> oneByOne(int offset, List<NewDevice> rows, ImportMode mode, WriteContext context) {
        List<RowResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            results.add(row(offset + i, rows.get(i), mode, context));
        }
        return results;
    }

    private RowResult row(int index, NewDevice device, ImportMode mode, WriteContext context) {
        RowResult updated = mode == ImportMode.CREATE_OR_UPDATE ? updateNamed(index, device, context) : null;
        if (updated != null) {
            return updated;
        }
        if (writes.insert(device, context) instanceof WriteResult.Applied created) {
            return RowResult.of(index, RowOutcome.CREATED, created.device());
        }
        // A key is taken: by the device this row names, if a concurrent registration just stored it
        updated = mode == ImportMode.CREATE_OR_UPDATE ? updateNamed(index, device, context) : null;
        return updated != null ? updated : RowResult.failed(index, ErrorCode.DEVICE_ALREADY_REGISTERED);
    }

    /** The row as an update of the device it names (UPDATED or UNCHANGED), or null when it names none. */
    private @Nullable RowResult updateNamed(int index, NewDevice device, WriteContext context) {
        if (device.mac() == null && device.serialNumber() == null) {
            return null; // its identity has neither key, so it names no device
        }
        DeviceRef identity = DeviceRef.identity(device.type(), device.mac(), device.serialNumber());
        Optional<Device> named = runner.read(() -> "find the device " + identity, handle -> statements.find(handle,
                identity));
        if (named.isEmpty() || device.uuidGiven() && !named.get().uuid().equals(device.uuid())) {
            return null;
        }
        Device current = named.get();
        if (Objects.equals(current.name(), device.name()) && Objects.equals(current.version(), device.version())
                && current.online() == device.online()) {
            return RowResult.of(index, RowOutcome.UNCHANGED, current);
        }
        DeviceUpdate update = DeviceUpdate.builder().name(device.name()).version(device.version())
                .online(device.online()).build();
        if (writes.update(DeviceRef.id(current.id()), update, context) instanceof WriteResult.Applied applied) {
            return RowResult.of(index, RowOutcome.UPDATED, applied.device());
        }
        throw new IllegalStateException("The device " + current.id() + " is gone");
    }

    private static List<Device> updated(List<RowResult> rows) {
        return rows.stream().filter(row -> row.outcome() == RowOutcome.UPDATED)
                .map(RowResult::device).map(Objects::requireNonNull).toList();
    }
}
