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
import io.devreg.Reservation;
import io.devreg.ValidationException;
import io.devreg.spi.DeviceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
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

    /** The time a write made now records: the clock's, truncated to microseconds. */
    Instant now() {
        return micros(clock.instant());
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
        return given(status, "router", mac(n), serial(n));
    }

    /** The mac of the device numbered {@code n} by {@link #given(DeviceStatus, int)}. */
    static String mac(int n) {
        return String.format("02:00:00:00:%02x:%02x", n / 256, n % 256);
    }

    /** The serial number of the device numbered {@code n} by {@link #given(DeviceStatus, int)}. */
    static String serial(int n) {
        return "sn-" + n;
    }

    /** The device numbered {@code n} by {@link #given(DeviceStatus, int)}, by its identity. */
    static DeviceRef identity(int n) {
        return DeviceRef.identity("router", mac(n), serial(n));
    }

    static DeviceRef ref(Device device) {
        return DeviceRef.id(device.id());
    }

    /**
     * {@code before} as a change at {@code at} leaves it: another status, revision, hold and account,
     * everything else kept.
     */
    static Device changed(Device before, DeviceStatus status, Instant at, long revision,
            @Nullable Reservation reservation, @Nullable String account) {
        return new Device(before.id(), before.type(), before.uuid(), before.serialNumber(), before.mac(), status,
                before.name(), before.version(), before.createdAt(), at, before.online(), revision, reservation,
                account);
    }

    /** {@code device} as a read reports it once its hold ran out: available, no hold, nothing else changed. */
    static Device available(Device device) {
        return new Device(device.id(), device.type(), device.uuid(), device.serialNumber(), device.mac(),
                DeviceStatus.AVAILABLE, device.name(), device.version(), device.createdAt(), device.lastUpdatedAt(),
                device.online(), device.revision(), null, null);
    }

    /** The events appended to the feed since it was read as {@code before}; the feed must start with {@code before}. */
    List<DeviceEvent> appendedSince(List<DeviceEvent> before) {
        List<DeviceEvent> after = feed();
        assertThat(after.size()).as("the length of the feed read again").isGreaterThanOrEqualTo(before.size());
        assertThat(after.subList(0, before.size())).as("the feed read again").isEqualTo(before);
        return after.subList(before.size(), after.size());
    }

    /**
     * Asserts {@code events} are {@code expected}, in that order, with increasing sequences; the
     * expected events' sequences are ignored (a store numbers events its own way).
     */
    static void assertEvents(List<DeviceEvent> events, DeviceEvent... expected) {
        assertThat(events).isSortedAccordingTo(Comparator.comparingLong(DeviceEvent::sequence));
        assertThat(events).extracting(DeviceEvent::sequence).doesNotHaveDuplicates();
        assertThat(events.stream().map(StoreSpec::unnumbered).toList())
                .containsExactlyElementsOf(Arrays.stream(expected).map(StoreSpec::unnumbered).toList());
    }

    /** Asserts {@code events} are {@code expected} in any order, their sequences ignored. */
    static void assertEventsInAnyOrder(List<DeviceEvent> events, DeviceEvent... expected) {
        assertThat(events.stream().map(StoreSpec::unnumbered).toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(expected).map(StoreSpec::unnumbered).toList());
    }

    private static DeviceEvent unnumbered(DeviceEvent event) {
        return new DeviceEvent(0, event.deviceId(), event.operation(), event.from(), event.to(), event.at(),
                event.holder(), event.account(), event.actor(), event.reason(), event.idempotencyKey());
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

    /** Asserts {@code operation} fails validation on exactly {@code fields} (wire names), and returns the exception. */
    static ValidationException assertInvalid(Runnable operation, String... fields) {
        ValidationException invalid = catchThrowableOfType(ValidationException.class, operation::run);
        assertThat(invalid).as("the ValidationException the operation must throw").isNotNull();
        assertThat(invalid.errors().keySet()).as("the invalid fields of %s", invalid.errors())
                .containsExactlyInAnyOrder(fields);
        return invalid;
    }

    /** The body of one case of {@link #eachCase}: {@code base} is the first of the ten device numbers the case may use. */
    @FunctionalInterface
    interface Case<T> {
        void run(T value, int base) throws Throwable;
    }

    /**
     * One dynamic test per value, named by {@code name}, all run on this test's one store: a store per
     * case would cost a database a schema or a file each. So each case uses devices and keys of its
     * own: the devices numbered {@code base} to {@code base + 9} ({@code base} is 10, 20, 30, ...).
     */
    static <T> Stream<DynamicTest> eachCase(List<T> values, Function<T, String> name, Case<T> test) {
        return IntStream.range(0, values.size()).mapToObj(i -> DynamicTest.dynamicTest(name.apply(values.get(i)),
                () -> test.run(values.get(i), 10 * (i + 1))));
    }

    /** {@code value} for a test's name: control and other non-ASCII characters escaped, long strings shortened. */
    static String shown(@Nullable Object value) {
        if (!(value instanceof String text)) {
            return String.valueOf(value);
        }
        StringBuilder shown = new StringBuilder("\"");
        text.chars().limit(24).forEach(c -> shown.append(c >= ' ' && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return shown.append(text.length() > 24 ? "...\" (" + text.length() + " characters)" : "\"").toString();
    }

    /** Runs {@code count} copies of {@code task} on their own threads and returns their results, in order. */
    static <T> List<T> onThreads(int count, Callable<T> task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
