package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.spi.StorageException;
import io.devreg.testkit.ManualClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What health checks and metrics read from a store ({@link JdbcDeviceStore#monitoring()}): its status,
 * its devices by status, and its read cache's statistics.
 */
class MonitoringTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final int SCHEMA_VERSION = Schema.MIGRATIONS.get(Schema.MIGRATIONS.size() - 1).version();

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void statusNamesTheDialectTheSchemaVersionAndTheNewestSequenceTheFeedReturns(Dialect dialect) {
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(TestDatabases.freshPrefix())
                .build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            assertThat(store.monitoring().status()).isEqualTo(new StoreStatus(dialect, SCHEMA_VERSION, 0));

            Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());
            registry.markAvailable(DeviceRef.id(device.id()));

            List<DeviceEvent> feed = registry.events(0, 100);
            assertThat(feed).hasSize(2);
            assertThat(store.monitoring().status().latestFeedSequence()).isEqualTo(feed.get(1).sequence());
        }
    }

    @Test
    void onPostgresqlTheNewestSequenceWaitsForTransactionsTheFeedWaitsFor() throws SQLException {
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.postgres())
                .tablePrefix(TestDatabases.freshPrefix()).build();
                Connection open = TestDatabases.postgres().getConnection()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            long before = registry.register(NewDevice.builder("router").serialNumber("sn-1").build()).id();
            long delivered = registry.events(0, 100).get(0).sequence();

            // given a transaction that took its id before the next write, still running
            open.setAutoCommit(false);
            try (Statement statement = open.createStatement()) {
                statement.execute("SELECT pg_current_xact_id()");
            }
            registry.markAvailable(DeviceRef.id(before));

            // then the feed holds the new event back, and so does the status
            assertThat(registry.events(0, 100)).hasSize(1);
            assertThat(store.monitoring().status().latestFeedSequence()).isEqualTo(delivered);

            // until that transaction ends
            open.commit();
            List<DeviceEvent> feed = registry.events(0, 100);
            assertThat(feed).hasSize(2);
            assertThat(store.monitoring().status().latestFeedSequence()).isEqualTo(feed.get(1).sequence());
        }
    }

    @Test
    void aSchemaWithoutItsVersionTableHasVersionZero() throws SQLException {
        String prefix = TestDatabases.freshPrefix();
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.h2InMemory()).tablePrefix(prefix).build();
                Connection connection = TestDatabases.h2InMemory().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + prefix + "schema_version");

            assertThat(store.monitoring().status().schemaVersion()).isZero();
        }
    }

    @Test
    void aClosedStoreHasNoStatus() {
        JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.h2InMemory()).tablePrefix(TestDatabases.freshPrefix())
                .build();
        Monitoring monitoring = store.monitoring();
        store.close();

        assertThatThrownBy(monitoring::status).isInstanceOf(StorageException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> monitoring.countByStatus(T0)).isInstanceOf(StorageException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void devicesAreCountedByTheStatusAReadReportsAHoldThatRanOutAsAvailable(Dialect dialect) {
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(TestDatabases.freshPrefix())
                .build()) {
            ManualClock clock = ManualClock.at(T0);
            DeviceRegistry registry = DeviceRegistry.builder().store(store).clock(clock).build();
            assertThat(store.monitoring().countByStatus(T0)).containsOnly(Map.entry(DeviceStatus.INITIALIZING, 0L),
                    Map.entry(DeviceStatus.AVAILABLE, 0L), Map.entry(DeviceStatus.RESERVED, 0L),
                    Map.entry(DeviceStatus.ACTIVATED, 0L), Map.entry(DeviceStatus.DEACTIVATING, 0L));

            registry.register(NewDevice.builder("router").serialNumber("new").build());
            DeviceRef available = available(registry, "available");
            DeviceRef held = available(registry, "held");
            DeviceRef active = available(registry, "active");
            registry.reserve(held, Hold.of("checkout-1", Duration.ofMinutes(10)));
            registry.activate(active, false);

            assertThat(store.monitoring().countByStatus(clock.instant())).containsOnly(
                    Map.entry(DeviceStatus.INITIALIZING, 1L), Map.entry(DeviceStatus.AVAILABLE, 1L),
                    Map.entry(DeviceStatus.RESERVED, 1L), Map.entry(DeviceStatus.ACTIVATED, 1L),
                    Map.entry(DeviceStatus.DEACTIVATING, 0L));
            assertThat(registry.get(available).status()).isEqualTo(DeviceStatus.AVAILABLE);

            // the hold runs out: the device reads as available, and counts so, though nothing was written
            Instant later = clock.instant().plus(Duration.ofMinutes(10));
            assertThat(store.monitoring().countByStatus(later)).containsEntry(DeviceStatus.AVAILABLE, 2L)
                    .containsEntry(DeviceStatus.RESERVED, 0L);
        }
    }

    @Test
    void theEmbeddedStoresCacheCountsAFindAnsweredFromMemoryAsAHitAndOneThatReadTheDatabaseAsAMiss() {
        try (JdbcDeviceStore store = JdbcDeviceStore.embedded(TestDatabases.freshDirectory())) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            Cache<?, ?> cache = store.monitoring().readCache().orElseThrow();
            assertThat(cache.policy().isRecordingStats()).isTrue();
            Device device = registry.register(NewDevice.builder("router").mac("02:00:00:00:00:01").serialNumber("sn-1")
                    .build());
            DeviceRef byId = DeviceRef.id(device.id());
            DeviceRef bySerial = DeviceRef.identity("router", null, "sn-1");

            registry.get(byId);                                      // miss: a write never fills the cache
            registry.get(byId);                                      // hit
            registry.get(bySerial);                                  // miss: the reference is new, read by serial
            registry.get(bySerial);                                  // hit, from the reference
            registry.markAvailable(bySerial);                        // a write raises the entry in place
            registry.get(bySerial);                                  // hit
            registry.find(DeviceRef.identity("router", null, "sn-2")); // miss: absence is never cached

            CacheStats stats = cache.stats();
            assertThat(stats.hitCount()).isEqualTo(3);
            assertThat(stats.missCount()).isEqualTo(3);
            assertThat(stats.loadSuccessCount()).isEqualTo(1);       // by id, once; the reference reused the entry
            assertThat(cache.estimatedSize()).isEqualTo(1);
            assertThat(store.monitoring().readCache()).containsSame(cache);
        }
    }

    @Test
    void theCacheIsExposedReadOnlyAndOnlyWhenThereIsOne() {
        try (JdbcDeviceStore uncached = JdbcDeviceStore.builder(TestDatabases.h2InMemory())
                .tablePrefix(TestDatabases.freshPrefix()).build();
                JdbcDeviceStore cached = JdbcDeviceStore.builder(TestDatabases.h2InMemory())
                        .tablePrefix(TestDatabases.freshPrefix()).readCache(ReadCache.singleWriter(10)).build()) {
            assertThat(uncached.monitoring().readCache()).isEmpty();

            @SuppressWarnings("unchecked")
            Cache<Object, Object> cache = (Cache<Object, Object>) cached.monitoring().readCache().orElseThrow();
            assertThatThrownBy(cache::invalidateAll).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> cache.put(1L, "x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> cache.getIfPresent(1L)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(cache::asMap).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> cache.policy().getIfPresentQuietly(1L))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void evictionsAreCounted() {
        DeviceCache cache = new DeviceCache(ReadCache.singleWriter(10));
        Map<Long, Device> table = new java.util.HashMap<>();
        for (long id = 1; id <= 100; id++) {
            table.put(id, NewDevice.builder("router").serialNumber("sn-" + id).build().toDevice(id, T0));
        }
        for (long id = 1; id <= 100; id++) {
            cache.find(DeviceRef.id(id), ref -> java.util.Optional.empty(), key -> java.util.Optional.ofNullable(table.get(key)));
        }
        cache.metricsView().cleanUp();

        CacheStats stats = cache.metricsView().stats();
        assertThat(stats.missCount()).isEqualTo(100);
        assertThat(stats.evictionCount()).isGreaterThanOrEqualTo(90);
        assertThat(cache.metricsView().estimatedSize()).isLessThanOrEqualTo(10);
    }

    private static DeviceRef available(DeviceRegistry registry, String serial) {
        DeviceRef ref = DeviceRef.id(registry.register(NewDevice.builder("router").serialNumber(serial).build()).id());
        registry.markAvailable(ref);
        return ref;
    }
}
