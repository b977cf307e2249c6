package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import io.devreg.UsageInterval;
import io.devreg.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The data the migration tests write through a store of an earlier schema version, and what they read
 * back after the migration: seven cameras, one in each status with a hold with a holder and an
 * expiry, a hold that ran out and was never swept, an activation on an account that is still running
 * and one that ended, events with actor and reason, and an idempotency key's record.
 *
 * @param devices the cameras, in the order written
 * @param keyed what the keyed reserve returned
 */
record EveryStatusFixture(List<Device> devices, Device keyed) {

    /** When the fixture's clock starts. */
    static final Instant T0 = Instant.parse("2026-09-01T08:00:00.654321Z");
    static final String KEY = "order-7";
    static final String ACCOUNT = "acct-4";

    /** Writes the fixture through {@code registry}, whose clock is {@code clock}; leaves the clock 5 minutes on. */
    static EveryStatusFixture write(DeviceRegistry registry, ManualClock clock, String serialPrefix) {
        List<Device> devices = new ArrayList<>();
        for (int n = 0; n < 7; n++) {
            devices.add(registry.register(NewDevice.builder("camera").serialNumber(serialPrefix + n).build()));
            clock.advance(Duration.ofSeconds(1));
        }
        for (int n = 1; n < 7; n++) {
            registry.markAvailable(DeviceRef.id(devices.get(n).id()));
        }
        registry.reserve(DeviceRef.id(devices.get(2).id()), Hold.of("cart-2", Duration.ofHours(2)));
        registry.reserve(DeviceRef.id(devices.get(3).id()), Hold.of("cart-3", Duration.ofMinutes(1)));
        registry.activate(DeviceRef.id(devices.get(4).id()), Activation.onAccount(ACCOUNT, null));
        registry.activate(DeviceRef.id(devices.get(5).id()), Activation.onAccount("acct-5", null));
        registry.deactivate(DeviceRef.id(devices.get(5).id()));
        Device keyed = registry.with(key(null)).reserve(DeviceRef.id(devices.get(6).id()), Hold.of("cart-6"));
        clock.advance(Duration.ofMinutes(5)); // the hold of device 3 runs out, unswept
        return new EveryStatusFixture(List.copyOf(devices), keyed);
    }

    /** The keyed reserve's context; {@code replays} (if any) is told of a replay. */
    static RequestContext key(@Nullable AtomicReference<Device> replays) {
        RequestContext.Builder builder = RequestContext.builder().idempotencyKey(KEY).actor("ops@example.com")
                .reason("checkout");
        return replays == null ? builder.build() : builder.onReplay(replays::set).build();
    }

    /** Everything a registry reads of the fixture: each device and its history, the feed, the account's usage. */
    record Reading(List<Device> devices, List<List<DeviceEvent>> histories, List<DeviceEvent> feed,
            List<UsageInterval> usage) {
    }

    /** What {@code registry} (whose clock is {@code clock}) reads of this fixture now. */
    Reading read(DeviceRegistry registry, ManualClock clock) {
        List<Device> read = new ArrayList<>();
        List<List<DeviceEvent>> histories = new ArrayList<>();
        for (Device device : devices) {
            read.add(registry.get(DeviceRef.id(device.id())));
            histories.add(registry.history(DeviceRef.id(device.id())));
        }
        return new Reading(read, histories, registry.events(0, 1000), registry.usage(ACCOUNT, T0, clock.instant()));
    }

    /** Asserts that {@code reading}, taken before a migration, has what {@link #write} wrote. */
    static void assertWritten(Reading reading) {
        assertThat(reading.devices()).extracting(Device::status).containsExactly(DeviceStatus.INITIALIZING,
                DeviceStatus.AVAILABLE, DeviceStatus.RESERVED, DeviceStatus.AVAILABLE, DeviceStatus.ACTIVATED,
                DeviceStatus.DEACTIVATING, DeviceStatus.RESERVED);
        assertThat(reading.usage()).hasSize(1);
        assertThat(reading.feed()).filteredOn(event -> KEY.equals(event.idempotencyKey()))
                .singleElement().satisfies(event -> {
                    assertThat(event.actor()).isEqualTo("ops@example.com");
                    assertThat(event.reason()).isEqualTo("checkout");
                });
    }

    /** Asserts that the key's record answers its replay with what the first write returned, and writes nothing. */
    void assertKeyReplays(DeviceRegistry registry) {
        List<DeviceEvent> feed = registry.events(0, 1000);
        AtomicReference<Device> replayed = new AtomicReference<>();
        assertThat(registry.with(key(replayed)).reserve(DeviceRef.id(devices.get(6).id()), Hold.of("cart-6")))
                .isEqualTo(keyed);
        assertThat(replayed.get()).isEqualTo(keyed);
        assertThat(registry.events(0, 1000)).isEqualTo(feed);
    }
}
