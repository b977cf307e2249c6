package io.devreg.benchmarks;

import io.devreg.DeviceRegistry;
import io.devreg.benchmarks.memory.RawMemoryStore;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The memory cost per device of the in-memory store:
 * {@code java -cp devreg-benchmarks.jar io.devreg.benchmarks.Footprint [devices]} (default one
 * million). Registers that many devices (each with its registration event) and reports the growth
 * of the heap after full collections, divided by the number of devices; the same for the raw
 * baseline store, for scale.
 */
public final class Footprint {

    private Footprint() {
    }

    public static void main(String[] args) {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println(report("devreg InMemoryDeviceStore", devices, Footprint::fillDevreg));
        System.out.println(report("raw baseline (ConcurrentHashMap)", devices, Footprint::fillRaw));
    }

    private static Object fillDevreg(int devices) {
        DeviceRegistry registry = DeviceRegistry.builder().store(new InMemoryDeviceStore()).build();
        for (int n = 0; n < devices; n++) {
            registry.register(DeviceKeys.newDevice(n));
        }
        return registry;
    }

    private static Object fillRaw(int devices) {
        RawMemoryStore store = new RawMemoryStore();
        Clock clock = Clock.systemUTC();
        for (int n = 0; n < devices; n++) {
            store.insert(DeviceKeys.TYPE, UUID.randomUUID(), DeviceKeys.mac(n), DeviceKeys.serialNumber(n),
                    DeviceKeys.VERSION, clock.instant());
        }
        return store;
    }

    /** Heap growth per device of what {@code fill} builds and keeps reachable. */
    static String report(String name, int devices, IntFunction<Object> fill) {
        long before = usedHeapAfterGc();
        Object store = fill.apply(devices);
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(store);
        return String.format(Locale.ROOT, "%s: %,d devices, heap %,d bytes, %.0f bytes per device", name,
                devices, after - before, (after - before) / (double) devices);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
