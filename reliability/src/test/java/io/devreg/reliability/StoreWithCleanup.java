package io.devreg.reliability;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.Transition;
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
    public WriteResult insert(NewDevice device, Instant at) {
        return store.insert(device, at);
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        return store.find(ref);
    }

    @Override
    public WriteResult transition(DeviceRef ref, Transition transition) {
        return store.transition(ref, transition);
    }

    @Override
    public WriteResult update(DeviceRef ref, DeviceUpdate update, Instant at) {
        return store.update(ref, update, at);
    }

    @Override
    public List<Device> list(DeviceQuery query, int max) {
        return store.list(query, max);
    }

    @Override
    public List<DeviceEvent> history(long deviceId) {
        return store.history(deviceId);
    }

    @Override
    public List<DeviceEvent> events(long afterSequence, int limit) {
        return store.events(afterSequence, limit);
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
