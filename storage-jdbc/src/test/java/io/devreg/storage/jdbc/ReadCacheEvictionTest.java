package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact cache answers a lookup by reference from one cache read; these tests hold it to
 * exactness while devices keep being evicted from a cache far smaller than the population.
 */
class ReadCacheEvictionTest {

    @Test
    void everyReadAfterAWriteSeesThatWriteWhileEntriesKeepBeingEvicted() throws Exception {
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.h2InMemory())
                .tablePrefix(TestDatabases.freshPrefix()).readCache(ReadCache.singleWriter(3)).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            List<DeviceRef> identities = new ArrayList<>();
            for (int n = 0; n < 12; n++) {
                registry.register(NewDevice.builder("router").mac("mac-" + n).build());
                DeviceRef identity = DeviceRef.identity("router", "mac-" + n, null);
                registry.markAvailable(identity);
                identities.add(identity);
            }

            for (int round = 0; round < 20; round++) {
                for (DeviceRef identity : identities) {
                    // given a cached device, when it changes, then every way of reading it sees the change
                    Device before = registry.get(identity);
                    Device written = before.status() == DeviceStatus.AVAILABLE
                            ? registry.reserve(identity) : registry.release(identity);
                    assertThat(registry.get(identity)).isEqualTo(written);
                    assertThat(registry.get(DeviceRef.uuid(written.uuid()))).isEqualTo(written);
                    assertThat(registry.get(DeviceRef.id(written.id()))).isEqualTo(written);
                }
            }
            for (DeviceRef identity : identities) {
                assertThat(registry.get(identity).revision()).isEqualTo(22);
            }
        }
    }
}
