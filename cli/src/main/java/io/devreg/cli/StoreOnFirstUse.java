package io.devreg.cli;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowResult;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.EventQuery;
import io.devreg.spi.StorageException;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A store that opens the real one on the first call a registry makes to it. A registry checks every
 * input (holders, TTLs, accounts, reasons, limits, references) before it asks its store anything,
 * so a command with invalid input exits 4 without ever opening, creating or locking the store,
 * whichever input the registry checks. Not for concurrent use: a command runs on one thread.
 */
final class StoreOnFirstUse implements DeviceStore {

    /**
     * A store that was opened, and what closing it releases (the store, then a pool it runs on).
     *
     * @param store     the store
     * @param resources closed when this store is
     */
    record Opened(DeviceStore store, AutoCloseable resources) {
    }

    private final Supplier<Opened> opener;
    private @Nullable Opened opened;

    StoreOnFirstUse(Supplier<Opened> opener) {
        this.opener = opener;
    }

    private DeviceStore store() {
        if (opened == null) {
            opened = opener.get();
        }
        return opened.store();
    }

    @Override
    public WriteResult insert(NewDevice device, WriteContext context) {
        return store().insert(device, context);
    }

    @Override
    public List<RowResult> insertAll(List<NewDevice> devices, ImportMode mode, WriteContext context) {
        return store().insertAll(devices, mode, context);
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        return store().find(ref);
    }

    @Override
    public WriteResult transition(DeviceRef ref, Transition transition, WriteContext context) {
        return store().transition(ref, transition, context);
    }

    @Override
    public WriteResult update(DeviceRef ref, DeviceUpdate update, WriteContext context) {
        return store().update(ref, update, context);
    }

    @Override
    public int expireHolds(int limit, WriteContext context) {
        return store().expireHolds(limit, context);
    }

    @Override
    public int purgeIdempotencyKeys(Instant recordedBefore, int limit) {
        return store().purgeIdempotencyKeys(recordedBefore, limit);
    }

    @Override
    public List<Device> list(DeviceQuery query, int max, Instant now) {
        return store().list(query, max, now);
    }

    @Override
    public List<DeviceEvent> events(EventQuery query) {
        return store().events(query);
    }

    /** Closes the real store and its resources if a call opened them; a failure is a store failure. */
    @Override
    public void close() {
        Opened toClose = opened;
        opened = null;
        if (toClose == null) {
            return;
        }
        try {
            toClose.resources().close();
        } catch (StorageException failure) {
            throw failure;
        } catch (Exception failure) {
            throw new StorageException("Closing the store failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public String toString() {
        return opened == null ? "StoreOnFirstUse[not opened]" : "StoreOnFirstUse[" + opened.store() + ']';
    }
}
