package io.devreg.storage.jdbc;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.concurrent.atomic.LongAdder;

/**
 * The statistics of a {@link DeviceCache}, in Caffeine's terms so that metrics binders read them as
 * they read any Caffeine cache's. Hits and misses count {@link DeviceCache#find} calls, not Caffeine's
 * lookups: a lookup by uuid or identity is mostly answered from the references in front of the id
 * cache, which Caffeine never sees, and a lookup by reference that misses reads the database before it
 * asks the id cache, which may then hit. Loads count the database reads that fill the id cache, not
 * Caffeine's computations (a write raising an entry is one). So the cache reports finds and loads
 * itself ({@link #hit()}, {@link #miss()}, {@link #loaded}) and Caffeine's own calls for them are
 * ignored; evictions are Caffeine's.
 */
final class DeviceCacheStats implements StatsCounter {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loadSuccesses = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder totalLoadTime = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder evictionWeight = new LongAdder();

    /** A find answered from memory. */
    void hit() {
        hits.increment();
    }

    /** A find that read the database. */
    void miss() {
        misses.increment();
    }

    /** Ignored: {@link DeviceCache} counts its finds itself. */
    @Override
    public void recordHits(int count) {
    }

    /** Ignored: {@link DeviceCache} counts its finds itself. */
    @Override
    public void recordMisses(int count) {
    }

    /** A database read by id for the id cache that took {@code nanos}, and whether it found the device. */
    void loaded(long nanos, boolean found) {
        (found ? loadSuccesses : loadFailures).increment();
        totalLoadTime.add(nanos);
    }

    /** Ignored: {@link DeviceCache} counts its loads itself. */
    @Override
    public void recordLoadSuccess(long loadTime) {
    }

    /** Ignored: {@link DeviceCache} counts its loads itself. */
    @Override
    public void recordLoadFailure(long loadTime) {
    }

    @Override
    public void recordEviction(int weight, RemovalCause cause) {
        evictions.increment();
        evictionWeight.add(weight);
    }

    @Override
    public CacheStats snapshot() {
        return CacheStats.of(hits.sum(), misses.sum(), loadSuccesses.sum(), loadFailures.sum(), totalLoadTime.sum(),
                evictions.sum(), evictionWeight.sum());
    }
}
