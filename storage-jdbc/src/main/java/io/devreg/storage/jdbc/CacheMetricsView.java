package io.devreg.storage.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeviceCache} as Caffeine's {@link Cache} interface, for metrics binders (Micrometer's
 * {@code CaffeineCacheMetrics}, for one) and nothing else: its {@link #estimatedSize() size}, its
 * {@link #stats() statistics} and whether it records them. Every access to entries and every write
 * throws {@link UnsupportedOperationException}: the cache's references to its entries stay consistent
 * only through {@link DeviceCache}'s own methods (an outside {@code invalidateAll()} would leave them
 * serving devices the id cache dropped).
 */
final class CacheMetricsView implements Cache<Object, Object> {

    private final Cache<?, ?> cache;

    CacheMetricsView(Cache<?, ?> cache) {
        this.cache = cache;
    }

    @Override
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    @Override
    public CacheStats stats() {
        return cache.stats();
    }

    @Override
    public void cleanUp() {
        cache.cleanUp();
    }

    @Override
    public Policy<Object, Object> policy() {
        return new StatsOnlyPolicy(cache.policy().isRecordingStats());
    }

    @Override
    public @Nullable Object getIfPresent(Object key) {
        throw readOnly();
    }

    @Override
    public Object get(Object key, Function<? super Object, ?> mappingFunction) {
        throw readOnly();
    }

    @Override
    public Map<Object, Object> getAllPresent(Iterable<?> keys) {
        throw readOnly();
    }

    @Override
    public Map<Object, Object> getAll(Iterable<?> keys,
            Function<? super Set<?>, ? extends Map<?, ?>> mappingFunction) {
        throw readOnly();
    }

    @Override
    public void put(Object key, Object value) {
        throw readOnly();
    }

    @Override
    public void putAll(Map<?, ?> map) {
        throw readOnly();
    }

    @Override
    public void invalidate(Object key) {
        throw readOnly();
    }

    @Override
    public void invalidateAll(Iterable<?> keys) {
        throw readOnly();
    }

    @Override
    public void invalidateAll() {
        throw readOnly();
    }

    @Override
    public ConcurrentMap<Object, Object> asMap() {
        throw readOnly();
    }

    @Override
    public String toString() {
        return "devreg's read cache (statistics only): " + stats();
    }

    static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("devreg's read cache is exposed for its size and statistics only");
    }

    /** The policy's one answer a metrics binder needs; nothing that would reach entries or change the cache. */
    private record StatsOnlyPolicy(boolean isRecordingStats) implements Policy<Object, Object> {

        @Override
        public @Nullable Object getIfPresentQuietly(Object key) {
            throw readOnly();
        }

        @Override
        public Map<Object, CompletableFuture<Object>> refreshes() {
            return Map.of();
        }

        @Override
        public Optional<Eviction<Object, Object>> eviction() {
            return Optional.empty();
        }

        @Override
        public Optional<FixedExpiration<Object, Object>> expireAfterAccess() {
            return Optional.empty();
        }

        @Override
        public Optional<FixedExpiration<Object, Object>> expireAfterWrite() {
            return Optional.empty();
        }

        @Override
        public Optional<VarExpiration<Object, Object>> expireVariably() {
            return Optional.empty();
        }

        @Override
        public Optional<FixedRefresh<Object, Object>> refreshAfterWrite() {
            return Optional.empty();
        }
    }
}
