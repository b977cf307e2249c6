package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The opt-in cache on a shared database: an instance's own writes show at once, and another
 * instance's writes show once the staleness bound has passed.
 */
class ReadCacheTest {

    private static final Duration STALENESS = Duration.ofMillis(200);

    @Test
    void withBoundedStalenessOtherInstancesWritesShowAfterTheBoundAndOwnWritesAtOnce() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        try (JdbcDeviceStore cached = JdbcDeviceStore.builder(TestDatabases.h2InMemory()).tablePrefix(prefix)
                        .readCache(ReadCache.boundedStaleness(STALENESS, 100)).build();
                JdbcDeviceStore other = JdbcDeviceStore.builder(TestDatabases.h2InMemory()).tablePrefix(prefix).build()) {
            DeviceRegistry mine = DeviceRegistry.builder().store(cached).build();
            DeviceRegistry theirs = DeviceRegistry.builder().store(other).build();
            Device device = theirs.register(NewDevice.builder("router").serialNumber("sn-1").build());
            DeviceRef byIdentity = DeviceRef.identity("router", null, "sn-1");
            assertThat(mine.get(byIdentity)).isEqualTo(device); // now cached

            // when another instance changes the device, this one sees it within the bound
            Device available = theirs.markAvailable(DeviceRef.id(device.id()));
            Thread.sleep(STALENESS.toMillis() + 50);
            assertThat(mine.get(byIdentity)).isEqualTo(available);

            // and its own writes at once
            Device reserved = mine.reserve(byIdentity);
            assertThat(mine.get(byIdentity)).isEqualTo(reserved);
            assertThat(mine.get(DeviceRef.uuid(device.uuid())).status()).isEqualTo(DeviceStatus.RESERVED);
        }
    }

    @Test
    void cacheSettingsRefuseNonsense() {
        assertThatThrownBy(() -> ReadCache.singleWriter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadCache.boundedStaleness(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadCache.boundedStaleness(Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
