package io.devreg.spring.boot.metrics;

import io.devreg.Device;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Page;
import io.devreg.spi.DeviceStore;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Counts the devices in each status, for the {@code devreg.devices} gauge ({@link DeviceStatusGauges}).
 * The starter has one for its own stores ({@link #of}); an application with a store of its own defines a
 * bean of this type to have the gauge.
 */
@FunctionalInterface
public interface DeviceStatusCounter {

    /**
     * How many devices are in each status now, as a read reports them (a hold that ran out counts as
     * available). Statuses left out count as 0.
     */
    Map<DeviceStatus, Long> countByStatus();

    /**
     * The counter of one of devreg's stores: a {@link JdbcDeviceStore} counts in one statement
     * ({@link io.devreg.storage.jdbc.Monitoring#countByStatus}); an {@link InMemoryDeviceStore} is walked
     * in pages. Empty for any other store: devreg cannot count it cheaply.
     */
    static Optional<DeviceStatusCounter> of(DeviceStore store, Clock clock) {
        if (store instanceof JdbcDeviceStore jdbc) {
            return Optional.of(() -> jdbc.monitoring().countByStatus(clock.instant()));
        }
        if (store instanceof InMemoryDeviceStore) {
            DeviceRegistry reader = DeviceRegistry.builder().store(store).clock(clock).build(); // no listener: not metered
            return Optional.of(() -> walk(reader));
        }
        return Optional.empty();
    }

    private static Map<DeviceStatus, Long> walk(DeviceRegistry registry) {
        Map<DeviceStatus, Long> counts = new EnumMap<>(DeviceStatus.class);
        @Nullable String cursor = null;
        do {
            Page<Device> page = registry.list(DeviceQuery.builder().limit(DeviceQuery.MAX_LIMIT).after(cursor).build());
            for (Device device : page.items()) {
                counts.merge(device.status(), 1L, Long::sum);
            }
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return Collections.unmodifiableMap(counts);
    }
}
