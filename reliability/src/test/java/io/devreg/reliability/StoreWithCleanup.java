package io.devreg.reliability;

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
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A store together with what the test made for it (a temporary directory, a pool): closing
 * closes the store first, then runs {@code cleanup}, since a store never closes what it did not
 * create.
 */
record StoreWithCleanup(DeviceStore store, Runnable cleanup) implements DeviceStore {

    @Override
    public WriteResult insert(NewDevice device, WriteContext context) {
        return store.insert(device, context);
    }

    @Override
    public List<RowResult> insertAll(List<NewDevice> devices, ImportMode mode, WriteContext context) {
        return store.insertAll(devices, mode, context);
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        return store.find(ref);
    }

    @Override
    public WriteResult transition(DeviceRef ref, Transition transition, WriteContext context) {
        return store.transition(ref, transition, context);
    }

    @Override
    public WriteResult update(DeviceRef ref, DeviceUpdate update, WriteContext context) {
        return store.update(ref, update, context);
    }

    @Override
    public int expireHolds(int limit, WriteContext context) {
        return store.expireHolds(limit, context);
    }

    @Override
    public int purgeIdempotencyKeys(Instant recordedBefore, int limit) {
        return store.purgeIdempotencyKeys(recordedBefore, limit);
    }

    @Override
    public List<Device> list(DeviceQuery query, int max, Instant now) {
        return store.list(query, max, now);
    }

    @Override
    public List<DeviceEvent> events(EventQuery query) {
        return store.events(query);
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            cleanup.run();
        }
    }
}
