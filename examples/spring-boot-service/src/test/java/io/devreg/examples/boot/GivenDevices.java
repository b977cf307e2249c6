package io.devreg.examples.boot;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.NewDevice;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** New devices of their own (mac {@code mac-N}, serial {@code sn-N}) driven through legal transitions. */
final class GivenDevices {

    /** The holder of the holds {@link #given} makes, for 10 minutes. */
    static final String HOLDER = "checkout-42";

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private GivenDevices() {
    }

    /** A new device in {@code status}; a reserved one is held by {@link #HOLDER}. */
    static Device given(DeviceRegistry registry, DeviceStatus status) {
        int number = NUMBERS.incrementAndGet();
        Device device = registry.register(NewDevice.builder("mediaagent").mac("mac-" + number)
                .serialNumber("sn-" + number).version("1.1.1.1").online(true).build());
        DeviceRef ref = DeviceRef.id(device.id());
        if (status == DeviceStatus.INITIALIZING) {
            return device;
        }
        device = registry.markAvailable(ref);
        return switch (status) {
            case AVAILABLE -> device;
            case RESERVED -> registry.reserve(ref, Hold.of(HOLDER, Duration.ofMinutes(10)));
            case ACTIVATED -> registry.activate(ref, false);
            case DEACTIVATING -> {
                registry.activate(ref, false);
                yield registry.deactivate(ref);
            }
            case INITIALIZING -> throw new IllegalStateException("handled above");
        };
    }

    /** The JSON identity of {@code device}: {@code "type": ..., "serial_number": ...}, to put in a body. */
    static String identity(Device device) {
        return "\"type\": \"" + device.type() + "\", \"serial_number\": \"" + device.serialNumber() + '"';
    }
}
