package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The child process of {@link EmbeddedDurabilityTest}: writes to an embedded store from a few
 * threads until it is killed, and prints one line per operation that returned, after it returned:
 * {@code ACK <device id> <revision> <status>}. The threads share a handful of devices and race for
 * them, so one thread's write often depends on another's. Not a test itself.
 */
public final class EmbeddedWriterProcess {

    private static final int THREADS = 3;
    private static final int SHARED_DEVICES = 6;

    private EmbeddedWriterProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        JdbcDeviceStore store = JdbcDeviceStore.embedded(Path.of(args[0]));
        DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
        List<Long> devices = new CopyOnWriteArrayList<>();
        acknowledge(out, "OPEN");
        for (int t = 0; t < THREADS; t++) {
            new Thread(() -> writeForever(registry, devices, out)).start();
        }
        Thread.currentThread().join(); // until killed
    }

    /** Registers devices now and then, and otherwise moves a shared device one legal step on. */
    private static void writeForever(DeviceRegistry registry, List<Long> devices, PrintStream out) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            if (devices.size() < SHARED_DEVICES || random.nextInt(10) == 0) {
                Device device = registry.register(NewDevice.builder("router")
                        .serialNumber(UUID.randomUUID().toString()).build());
                acknowledge(out, device);
                devices.add(device.id());
                if (devices.size() > SHARED_DEVICES) {
                    devices.remove(0);
                }
                continue;
            }
            DeviceRef ref = DeviceRef.id(devices.get(random.nextInt(Math.min(devices.size(), SHARED_DEVICES))));
            try {
                acknowledge(out, step(registry, ref, registry.get(ref).status(), random.nextBoolean()));
            } catch (DeviceException raced) {
                // another thread moved the device first: fine, and nothing to acknowledge
            }
        }
    }

    private static Device step(DeviceRegistry registry, DeviceRef ref, DeviceStatus status, boolean choice) {
        return switch (status) {
            case INITIALIZING -> registry.markAvailable(ref);
            case AVAILABLE -> choice ? registry.reserve(ref) : registry.activate(ref, false);
            case RESERVED -> choice ? registry.release(ref) : registry.activate(ref, true);
            case ACTIVATED -> registry.deactivate(ref);
            case DEACTIVATING -> registry.completeDeactivation(ref);
        };
    }

    private static void acknowledge(PrintStream out, Device device) {
        acknowledge(out, "ACK " + device.id() + ' ' + device.revision() + ' ' + device.status());
    }

    private static void acknowledge(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
