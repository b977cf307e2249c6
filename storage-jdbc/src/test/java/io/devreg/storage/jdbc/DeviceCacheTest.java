package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The cache's references by uuid and identity, without a database: a table of devices stands in for
 * it. They stay bounded by the id cache (a device's references leave with it) and never serve a
 * device other than the one the table holds.
 */
class DeviceCacheTest {

    private static final int CACHED = 10;

    private final Map<Long, Device> table = new HashMap<>();
    private final DeviceCache cache = new DeviceCache(ReadCache.singleWriter(CACHED));
    private int loads;

    @Test
    void referencesLeaveTheCacheWithTheirDevices() {
        // given many more devices than the cache holds, each with a mac and a serial number
        for (long id = 1; id <= 500; id++) {
            register(id);
        }

        // when each is looked up under every kind of reference, twice over
        for (int round = 0; round < 2; round++) {
            for (Device device : table.values()) {
                for (DeviceRef ref : DeviceCache.referencesOf(device)) {
                    assertThat(find(ref)).contains(table.get(device.id()));
                }
            }
        }

        // then no more references remain than four for each device the cache can hold
        assertThat(cache.referenceCount()).isPositive().isLessThanOrEqualTo(4 * CACHED);
    }

    @Test
    void aReferenceServesTheWrittenDeviceAndAfterForgettingReadsAgain() {
        Device device = register(1);
        DeviceRef byMac = DeviceRef.identity("router", device.mac(), null);
        assertThat(find(byMac)).contains(device);
        int loadsBefore = loads;

        // a write raises the cached device; the reference serves it without a load
        Device reserved = withStatus(device, DeviceStatus.RESERVED, 2);
        table.put(device.id(), reserved);
        cache.written(reserved);
        assertThat(find(byMac)).contains(reserved);
        assertThat(loads).isEqualTo(loadsBefore);

        // after forgetAll, the reference no longer serves: the next lookup reads the table
        Device changedElsewhere = withStatus(reserved, DeviceStatus.AVAILABLE, 3);
        table.put(device.id(), changedElsewhere);
        cache.forgetAll();
        assertThat(find(byMac)).contains(changedElsewhere);
        assertThat(loads).isGreaterThan(loadsBefore);
    }

    @Test
    void aDeviceIsNeverServedPastItsStalenessBoundCountedFromBeforeTheReadThatLoadedIt() {
        // given a cache whose entries may be 400 ms old, and a first read of the device that takes 300 ms
        DeviceCache expiring = new DeviceCache(ReadCache.boundedStaleness(Duration.ofMillis(400), CACHED));
        Device device = register(1);
        DeviceRef byMac = DeviceRef.identity("router", device.mac(), null);
        AtomicInteger reads = new AtomicInteger();
        LongFunction<Optional<Device>> slowFirstRead = id -> {
            if (reads.getAndIncrement() == 0) {
                sleep(300);
            }
            return Optional.ofNullable(table.get(id));
        };
        long start = System.nanoTime();
        assertThat(expiring.find(byMac, this::load, slowFirstRead)).contains(device);

        // when the device changes elsewhere and is looked up 500 ms after that first read began
        Device changed = withStatus(device, DeviceStatus.AVAILABLE, 2);
        table.put(device.id(), changed);
        sleep(500 - (System.nanoTime() - start) / 1_000_000);

        // then the copy read at 0-300 ms is not served at 500 ms: the bound counts from the read's start
        assertThat(expiring.find(byMac, this::load, slowFirstRead)).contains(changed);
        assertThat(expiring.find(DeviceRef.id(device.id()), this::load, slowFirstRead)).contains(changed);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Optional<Device> find(DeviceRef ref) {
        return cache.find(ref, this::load, id -> {
            loads++;
            return Optional.ofNullable(table.get(id));
        });
    }

    private Optional<Device> load(DeviceRef ref) {
        loads++;
        return table.values().stream().filter(device -> DeviceCache.referencesOf(device).contains(ref)).findFirst();
    }

    private Device register(long id) {
        String hex = String.format("%010x", id);
        Device device = NewDevice.builder("router")
                .uuid(new UUID(0, id))
                .mac("02:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6) + ":"
                        + hex.substring(6, 8) + ":" + hex.substring(8, 10))
                .serialNumber("sn-" + id)
                .build()
                .toDevice(id, Instant.parse("2026-01-01T00:00:00Z"));
        table.put(id, device);
        return device;
    }

    private static Device withStatus(Device device, DeviceStatus status, long revision) {
        return new Device(device.id(), device.type(), device.uuid(), device.serialNumber(), device.mac(), status,
                device.name(), device.version(), device.createdAt(), device.lastUpdatedAt(), device.online(), revision);
    }
}
