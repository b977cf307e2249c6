package io.devreg.testkit;

import io.devreg.ActivateRequest;
import io.devreg.Activation;
import io.devreg.BulkResult;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceRegistryBuilder;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.Hold;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.Page;
import io.devreg.RequestContext;
import io.devreg.ReserveRequest;
import io.devreg.UsageInterval;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A real {@link DeviceRegistry} over an {@link InMemoryDeviceStore}, with a {@link ManualClock},
 * for unit tests of code that uses a registry:
 *
 * <pre>{@code
 * TestDeviceRegistry registry = TestDeviceRegistry.create();
 * registry.givenDevice(DeviceStatus.RESERVED, "mediaagent", "aa:bb:cc:dd:ee:ff", "sn-1");
 * billing.addDevice(registry, ...);  // the code under test
 * }</pre>
 *
 * Holds expire by the registry's clock, so a test makes one run out by advancing it:
 *
 * <pre>{@code
 * TestDeviceRegistry registry = TestDeviceRegistry.create(settings -> settings.holdTtl(Duration.ofMinutes(15)));
 * Device device = registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", "aa:bb:cc:dd:ee:ff", null);
 * registry.reserve(DeviceRef.id(device.id()), Hold.of("checkout-42"));
 * registry.clock().advance(Duration.ofMinutes(15));
 * assertThat(registry.get(DeviceRef.id(device.id())).status()).isEqualTo(DeviceStatus.AVAILABLE);
 * }</pre>
 */
public final class TestDeviceRegistry implements DeviceRegistry {

    /** Where the clock of {@link #create()} stands: 2026-01-01T00:00:00Z. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final DeviceRegistry registry;
    private final ManualClock clock;

    private TestDeviceRegistry(ManualClock clock, DeviceRegistry registry) {
        this.clock = clock;
        this.registry = registry;
    }

    /** An empty registry over a new in-memory store, its clock standing at {@link #START}. */
    public static TestDeviceRegistry create() {
        return create(UnaryOperator.identity());
    }

    /**
     * An empty registry over a new in-memory store, its clock standing at {@link #START}, with the
     * hold and key settings {@code settings} makes on the builder (for example
     * {@code settings -> settings.holdTtl(Duration.ofMinutes(15))}). Store and clock are the
     * testkit's: setting them there has no effect.
     */
    public static TestDeviceRegistry create(UnaryOperator<DeviceRegistryBuilder> settings) {
        ManualClock clock = ManualClock.at(START);
        DeviceRegistryBuilder builder = Objects.requireNonNull(settings.apply(DeviceRegistry.builder()), "settings");
        return new TestDeviceRegistry(clock, builder.store(new InMemoryDeviceStore()).clock(clock).build());
    }

    /** The registry's clock: advance it to make time pass between operations. */
    public ManualClock clock() {
        return clock;
    }

    /**
     * Registers a device and drives it through legal transitions to {@code status}:
     * INITIALIZING is registration alone; AVAILABLE adds markAvailable; RESERVED adds reserve;
     * ACTIVATED adds activate; DEACTIVATING adds activate and deactivate. Its history shows each
     * step.
     */
    public Device givenDevice(DeviceStatus status, String type, @Nullable String mac, @Nullable String serialNumber) {
        Device device = registry.register(NewDevice.builder(type).mac(mac).serialNumber(serialNumber).build());
        DeviceRef ref = DeviceRef.id(device.id());
        if (status == DeviceStatus.INITIALIZING) {
            return device;
        }
        device = registry.markAvailable(ref);
        return switch (status) {
            case AVAILABLE -> device;
            case RESERVED -> registry.reserve(ref);
            case ACTIVATED -> registry.activate(ref, false);
            case DEACTIVATING -> {
                registry.activate(ref, false);
                yield registry.deactivate(ref);
            }
            case INITIALIZING -> throw new AssertionError("handled above");
        };
    }

    @Override
    public Device register(NewDevice device) {
        return registry.register(device);
    }

    @Override
    public Device markAvailable(DeviceRef ref) {
        return registry.markAvailable(ref);
    }

    @Override
    public Device reserve(ReserveRequest request) {
        return registry.reserve(request);
    }

    @Override
    public Device reserve(DeviceRef ref) {
        return registry.reserve(ref);
    }

    @Override
    public Device release(DeviceRef ref) {
        return registry.release(ref);
    }

    @Override
    public Device activate(ActivateRequest request) {
        return registry.activate(request);
    }

    @Override
    public Device activate(DeviceRef ref, boolean skipReserveCheck) {
        return registry.activate(ref, skipReserveCheck);
    }

    @Override
    public Device deactivate(DeviceRef ref) {
        return registry.deactivate(ref);
    }

    @Override
    public Device completeDeactivation(DeviceRef ref) {
        return registry.completeDeactivation(ref);
    }

    @Override
    public Device update(DeviceRef ref, DeviceUpdate update) {
        return registry.update(ref, update);
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        return registry.find(ref);
    }

    @Override
    public Device get(DeviceRef ref) {
        return registry.get(ref);
    }

    @Override
    public Page<Device> list(DeviceQuery query) {
        return registry.list(query);
    }

    @Override
    public List<DeviceEvent> history(DeviceRef ref) {
        return registry.history(ref);
    }

    @Override
    public List<DeviceEvent> events(long afterSequence, int limit) {
        return registry.events(afterSequence, limit);
    }

    @Override
    public Device reserve(ReserveRequest request, Hold hold) {
        return registry.reserve(request, hold);
    }

    @Override
    public Device reserve(DeviceRef ref, Hold hold) {
        return registry.reserve(ref, hold);
    }

    @Override
    public Device extend(DeviceRef ref, Hold hold) {
        return registry.extend(ref, hold);
    }

    @Override
    public Device release(DeviceRef ref, String holder) {
        return registry.release(ref, holder);
    }

    @Override
    public Device forceRelease(DeviceRef ref, String reason) {
        return registry.forceRelease(ref, reason);
    }

    @Override
    public int expireHolds(int limit) {
        return registry.expireHolds(limit);
    }

    @Override
    public Device activate(DeviceRef ref, Activation activation) {
        return registry.activate(ref, activation);
    }

    @Override
    public List<UsageInterval> usage(String account, Instant from, Instant to) {
        return registry.usage(account, from, to);
    }

    @Override
    public BulkResult registerAll(List<NewDevice> devices, ImportMode mode) {
        return registry.registerAll(devices, mode);
    }

    /** A view of this registry whose writes carry {@code context}; it shares this registry's store and clock. */
    @Override
    public DeviceRegistry with(RequestContext context) {
        return registry.with(context);
    }

    @Override
    public int purgeIdempotencyKeys(int limit) {
        return registry.purgeIdempotencyKeys(limit);
    }
}
