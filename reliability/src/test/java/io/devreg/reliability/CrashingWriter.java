package io.devreg.reliability;

import io.devreg.Device;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.testkit.RegistryInvariants;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The child JVM of {@link EmbeddedCrashTest}: prints {@code OPENING}, opens the embedded store in
 * the directory it is given, prints {@code OPEN}, then writes from four threads until it is
 * killed, printing {@code ACK <id> <revision> <status>} for every write after it returned. Transitions only (no attribute updates), so a
 * device's revision is the length of its history.
 */
public final class CrashingWriter {

    private static final int THREADS = 4;

    private CrashingWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("OPENING");
        JdbcDeviceStore store = JdbcDeviceStore.embedded(Path.of(args[0]));
        DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
        List<Long> devices = new CopyOnWriteArrayList<>(RegistryInvariants.allDevices(registry).stream()
                .map(Device::id).toList());
        out.println("OPEN");
        for (int t = 0; t < THREADS; t++) {
            long seed = Long.parseLong(args[1]) * THREADS + t;
            new Thread(() -> write(registry, devices, new SplittableRandom(seed), out), "writer-" + t).start();
        }
        Thread.currentThread().join(); // until killed
    }

    private static void write(DeviceRegistry registry, List<Long> devices, SplittableRandom random, PrintStream out) {
        while (true) {
            try {
                Device written;
                if (devices.size() < 8 || random.nextInt(8) == 0) {
                    written = registry.register(NewDevice.builder("crash").serialNumber("sn-" + random.nextLong())
                            .build());
                    devices.add(written.id());
                } else {
                    long id = devices.get(random.nextInt(devices.size()));
                    written = stepOn(registry, DeviceRef.id(id), random.nextBoolean());
                }
                synchronized (out) {
                    out.println("ACK " + written.id() + ' ' + written.revision() + ' ' + written.status());
                }
            } catch (DeviceException raced) {
                // another thread moved the device first: nothing to acknowledge
            }
        }
    }

    /** One legal step from the device's current status (a concurrent step may still beat it). */
    private static Device stepOn(DeviceRegistry registry, DeviceRef ref, boolean choice) {
        return switch (registry.get(ref).status()) {
            case INITIALIZING -> registry.markAvailable(ref);
            case AVAILABLE -> choice ? registry.reserve(ref) : registry.activate(ref, false);
            case RESERVED -> choice ? registry.release(ref) : registry.activate(ref, true);
            case ACTIVATED -> registry.deactivate(ref);
            case DEACTIVATING -> registry.completeDeactivation(ref);
        };
    }
}
