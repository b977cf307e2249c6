package io.devreg.benchmarks.memory;

import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.benchmarks.DeviceKeys;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.time.Clock;
import java.util.UUID;

/** Stores filled with benchmark devices {@code 0 .. count - 1}, for devreg and for the raw baseline. */
final class MemoryFixtures {

    private MemoryFixtures() {
    }

    /** A registry over a fresh in-memory store holding {@code count} registered devices. */
    static DeviceRegistry registry(int count, boolean available) {
        return registry(count, available, Clock.systemUTC());
    }

    /** A registry on {@code clock} over a fresh in-memory store holding {@code count} registered devices. */
    static DeviceRegistry registry(int count, boolean available, Clock clock) {
        DeviceRegistry registry = DeviceRegistry.builder().store(new InMemoryDeviceStore()).clock(clock).build();
        for (int n = 0; n < count; n++) {
            long id = registry.register(DeviceKeys.newDevice(n)).id();
            if (available) {
                registry.markAvailable(DeviceRef.id(id));
            }
        }
        return registry;
    }

    /** A raw store holding the same {@code count} devices. */
    static RawMemoryStore raw(int count, boolean available) {
        RawMemoryStore store = new RawMemoryStore();
        Clock clock = Clock.systemUTC();
        for (int n = 0; n < count; n++) {
            store.insert(DeviceKeys.TYPE, UUID.randomUUID(), DeviceKeys.mac(n), DeviceKeys.serialNumber(n),
                    DeviceKeys.VERSION, clock.instant());
            if (available) {
                store.transition(new RawMemoryStore.Key(DeviceKeys.TYPE, DeviceKeys.mac(n)),
                        DeviceOperation.MARK_AVAILABLE, DeviceStatus.INITIALIZING, DeviceStatus.AVAILABLE,
                        clock.instant());
            }
        }
        return store;
    }
}
