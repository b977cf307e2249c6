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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Bulk registration: the rows in chunks of {@value #CHUNK}, each chunk one transaction, its rows
 * written in order as {@link DeviceWrites} would write them one by one, so a row that repeats an
 * earlier row's key meets the device that row stored. A row that collides with a unique index is
 * refused by that index alone (H2 undoes the statement, PostgreSQL's insert does nothing on a
 * conflict), so it never fails its neighbours.
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
        for (int first = 0; first < devices.size(); first += CHUNK) {
            List<NewDevice> chunk = devices.subList(first, Math.min(devices.size(), first + CHUNK));
            int offset = first;
            List<RowResult> rows = new ArrayList<>(chunk.size());
            writes.learnAll(() -> runner.transaction(() -> "register rows " + offset + " to "
                    + (offset + chunk.size() - 1), handle -> {
                        rows.clear(); // a transaction tried again starts over
                        for (int i = 0; i < chunk.size(); i++) {
                            rows.add(row(handle, offset + i, i, chunk.get(i), mode, context));
                        }
                        return rows.stream().filter(row -> row.outcome() == RowOutcome.UPDATED)
                                .map(RowResult::device).map(Objects::requireNonNull).toList();
                    }));
            results.addAll(rows);
        }
        return results;
    }

    private RowResult row(Handle handle, int index, int ordinal, NewDevice device, ImportMode mode,
            WriteContext context) throws java.sql.SQLException {
        if (mode == ImportMode.CREATE_OR_UPDATE) {
            Optional<Device> named = statements.find(handle,
                    DeviceRef.identity(device.type(), device.mac(), device.serialNumber()));
            if (named.isPresent() && (!device.uuidGiven() || named.get().uuid().equals(device.uuid()))) {
                Device current = named.get();
                if (Objects.equals(current.name(), device.name()) && Objects.equals(current.version(), device.version())
                        && current.online() == device.online()) {
                    return RowResult.of(index, RowOutcome.UNCHANGED, current);
                }
                DeviceUpdate update = DeviceUpdate.builder().name(device.name()).version(device.version())
                        .online(device.online()).build();
                Device updated = statements.update(DeviceRef.id(current.id()), update, context.at()).work().on(handle)
                        .orElseThrow(() -> new IllegalStateException("The device " + current.id() + " is gone"));
                return RowResult.of(index, RowOutcome.UPDATED, updated);
            }
        }
        Optional<Device> created = statements.insert(device, context, ordinal).work().on(handle);
        return created.isPresent() ? RowResult.of(index, RowOutcome.CREATED, created.get())
                : RowResult.failed(index, ErrorCode.DEVICE_ALREADY_REGISTERED);
    }
}
