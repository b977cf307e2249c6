package io.devreg.storage.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import io.devreg.DeviceStatus;
import io.devreg.spi.StorageException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * What health checks and metrics read from a {@link JdbcDeviceStore} ({@link JdbcDeviceStore#monitoring()}):
 * whether its database answers, how many devices are in each status, and its read cache's statistics.
 * Nothing here changes anything. Thread-safe.
 */
public final class Monitoring {

    private final Statements statements;
    private final TransactionRunner runner;
    private final @Nullable DeviceCache cache;
    private final Runnable checkOpen;
    private final String countByStatus;

    Monitoring(Statements statements, TransactionRunner runner, @Nullable DeviceCache cache, Runnable checkOpen) {
        this.statements = statements;
        this.runner = runner;
        this.cache = cache;
        this.checkOpen = checkOpen;
        countByStatus = "SELECT read_status, COUNT(*) FROM (SELECT " + Statements.READ_STATUS + " AS read_status FROM "
                + statements.tables.devices() + ") d GROUP BY read_status";
    }

    /**
     * Asks the database how the store stands, in one short read: the schema version it records and the
     * newest sequence of the change feed (both from an index, whatever the size of the tables). For a
     * health check: it fails when the database cannot be reached, and answers again once it can, on a
     * new connection from the pool.
     *
     * @throws StorageException if the database cannot be reached or answers with an error, or the store is closed
     */
    public StoreStatus status() {
        checkOpen.run();
        return runner.read(() -> "read the store's status", handle -> new StoreStatus(statements.dialect(),
                schemaVersion(handle), handle.createQuery(statements.latestFeedSequence()).mapTo(Long.class).one()));
    }

    private int schemaVersion(Handle handle) {
        if (!statements.tableExists(handle, statements.tables.schemaVersion())) {
            return 0;
        }
        return statements.schema().versions(handle).stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /**
     * How many devices are in each status, as a read at {@code now} reports them (a hold that ran out
     * counts as {@link DeviceStatus#AVAILABLE}); every status is present, with 0 when no device has it.
     * One statement, which reads the whole devices table (no index serves it): meant for metrics that
     * refresh it every few seconds, not for every request.
     *
     * @throws StorageException if the database cannot be reached or answers with an error, or the store is closed
     */
    public Map<DeviceStatus, Long> countByStatus(Instant now) {
        Objects.requireNonNull(now, "now");
        checkOpen.run();
        Map<DeviceStatus, Long> counts = new EnumMap<>(DeviceStatus.class);
        for (DeviceStatus status : DeviceStatus.values()) {
            counts.put(status, 0L);
        }
        runner.read(() -> "count the devices by status", handle -> handle.createQuery(countByStatus)
                .bind("now", Rows.timestamp(now))
                .reduceResultSet(counts, (map, rs, ctx) -> {
                    map.put(DeviceStatus.valueOf(rs.getString(1)), rs.getLong(2));
                    return map;
                }));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * The store's read cache, if it has one, as Caffeine's {@link Cache} interface for a metrics binder
     * (Micrometer's {@code CaffeineCacheMetrics}): its {@link Cache#estimatedSize() size},
     * {@link Cache#stats() statistics} (always recorded) and {@code policy().isRecordingStats()}. Hits
     * and misses count the store's {@code find} calls: a hit was answered from memory, a miss read the
     * database. Every access to entries and every write throws {@link UnsupportedOperationException}.
     * The same object on every call, for as long as the store lives.
     */
    public Optional<Cache<?, ?>> readCache() {
        return cache == null ? Optional.empty() : Optional.of(cache.metricsView());
    }
}
