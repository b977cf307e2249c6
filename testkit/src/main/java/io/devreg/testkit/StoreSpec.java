package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import io.devreg.spi.DeviceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.jspecify.annotations.Nullable;

/**
 * What every group of the contract starts from: a fresh store from {@link #createStore()}, a
 * registry over it with a {@link ManualClock}, and the store closed after each test.
 */
abstract class StoreSpec {

    /** Where the clock stands when a test starts; its nanoseconds show that stores get microseconds. */
    static final Instant START = Instant.parse("2026-03-01T10:15:30.123456789Z");

    /** How far the clock moves before each write the specs make, so every write has its own time. */
    static final Duration TICK = Duration.ofNanos(1_000_333);

    DeviceStore store;
    ManualClock clock;
    DeviceRegistry registry;

    /** A fresh, empty store of the implementation under test. */
    abstract DeviceStore createStore();

    @BeforeEach
    final void openStore() {
        store = createStore();
        clock = ManualClock.at(START);
        registry = DeviceRegistry.builder().store(store).clock(clock).build();
    }

    @AfterEach
    final void closeStore() {
        store.close();
    }

    /** Advances the clock by one {@link #TICK} and returns the time a write made now records. */
    Instant tick() {
        clock.advance(TICK);
        return micros(clock.instant());
    }

    static Instant micros(Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNano() / 1000 * 1000L);
    }

    Device register(String type, @Nullable String mac, @Nullable String serialNumber) {
        tick();
        return registry.register(NewDevice.builder(type).mac(mac).serialNumber(serialNumber).build());
    }

    /**
     * Registers a device and drives it to {@code status} along the lifecycle's shortest legal path,
     * stated here on its own: INITIALIZING is registration; AVAILABLE adds markAvailable; RESERVED
     * adds reserve; ACTIVATED adds activate; DEACTIVATING adds activate and deactivate.
     */
    Device given(DeviceStatus status, String type, @Nullable String mac, @Nullable String serialNumber) {
        Device device = register(type, mac, serialNumber);
        DeviceRef ref = DeviceRef.id(device.id());
        for (Supplier<Device> step : pathTo(status, ref)) {
            tick();
            device = step.get();
        }
        assertThat(device.status()).as("the device driven to %s", status).isEqualTo(status);
        return device;
    }

    private List<Supplier<Device>> pathTo(DeviceStatus status, DeviceRef ref) {
        List<Supplier<Device>> steps = new ArrayList<>();
        if (status == DeviceStatus.INITIALIZING) {
            return steps;
        }
        steps.add(() -> registry.markAvailable(ref));
        switch (status) {
            case RESERVED -> steps.add(() -> registry.reserve(ref));
            case ACTIVATED -> steps.add(() -> registry.activate(ref, false));
            case DEACTIVATING -> {
                steps.add(() -> registry.activate(ref, false));
                steps.add(() -> registry.deactivate(ref));
            }
            default -> {
            }
        }
        return steps;
    }

    /** A device in {@code status} with its own identity, numbered {@code n} to keep identities apart. */
    Device given(DeviceStatus status, int n) {
        return given(status, "router", String.format("02:00:00:00:%02x:%02x", n / 256, n % 256), "sn-" + n);
    }

    /** The whole change feed, read in windows of {@code window} events. */
    List<DeviceEvent> feed(int window) {
        List<DeviceEvent> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<DeviceEvent> page = registry.events(after, window);
            if (page.isEmpty()) {
                return all;
            }
            for (DeviceEvent event : page) {
                assertThat(event.sequence()).as("the sequence of %s, read after %d", event, after).isGreaterThan(after);
                after = event.sequence();
                all.add(event);
            }
        }
    }

    List<DeviceEvent> feed() {
        return feed(1000);
    }

    /** Runs {@code operation}, expecting a {@link DeviceException}, and returns it. */
    static DeviceException refusal(Runnable operation) {
        DeviceException refused = catchThrowableOfType(DeviceException.class, operation::run);
        assertThat(refused).as("the DeviceException the operation must throw").isNotNull();
        return refused;
    }

    /** Asserts {@code operation} fails with {@code code}, and returns the exception. */
    static DeviceException assertRefused(ErrorCode code, Runnable operation) {
        DeviceException refused = refusal(operation);
        assertThat(refused.code()).as("the error code of %s", refused.getMessage()).isEqualTo(code);
        return refused;
    }
}
