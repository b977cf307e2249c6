package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.spi.EventQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The store's reads, each one statement on a handle of its own: a device as the database holds it
 * (every uncached lookup), a page of devices, and the events an {@link EventQuery} selects. A read
 * needs no lock: each statement sees one committed snapshot, and the feed's order comes from how
 * sequences are assigned and read (see {@link JdbcDeviceStore}).
 */
final class DeviceReads {

    private final Statements statements;
    private final TransactionRunner runner;
    /** The cache's loaders, made once rather than as lambdas on every cached lookup. */
    private final Function<DeviceRef, Optional<Device>> byRef = this::find;
    private final LongFunction<Optional<Device>> byId = id -> find(DeviceRef.id(id));

    DeviceReads(Statements statements, TransactionRunner runner) {
        this.statements = statements;
        this.runner = runner;
    }

    /** {@link #find}, as a cache's loader by reference. */
    Function<DeviceRef, Optional<Device>> byRef() {
        return byRef;
    }

    /** {@link #find} by id, as a cache's loader by id. */
    LongFunction<Optional<Device>> byId() {
        return byId;
    }

    Optional<Device> find(DeviceRef ref) {
        return runner.read(() -> "find the device with " + ref, handle -> statements.find(handle, ref));
    }

    List<Device> list(DeviceQuery query, int max, Instant now) {
        return runner.read(() -> "list devices with " + query, handle -> statements.list(handle, query, max, now));
    }

    List<DeviceEvent> events(EventQuery query) {
        if (query instanceof EventQuery.Feed feed) {
            return runner.read(() -> "read the events after sequence " + feed.afterSequence(),
                    handle -> statements.events(handle, feed.afterSequence(), feed.limit()));
        }
        if (query instanceof EventQuery.OfDevice device) {
            return runner.read(() -> "read the history of device " + device.deviceId(),
                    handle -> statements.history(handle, device.deviceId()));
        }
        EventQuery.OfAccount account = (EventQuery.OfAccount) query;
        return runner.read(() -> "read the usage events of account " + account.account(),
                handle -> statements.accountEvents(handle, account.account(), account.to()));
    }
}
