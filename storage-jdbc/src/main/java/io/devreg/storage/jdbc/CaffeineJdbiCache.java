package io.devreg.storage.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbi.v3.core.cache.JdbiCache;
import org.jdbi.v3.core.cache.JdbiCacheBuilder;
import org.jdbi.v3.core.cache.JdbiCacheLoader;
import org.jspecify.annotations.Nullable;

/**
 * Jdbi's statement caches (rendered templates, parsed SQL) on Caffeine, which the store already
 * uses: every statement of every operation looks its SQL up in them, and Jdbi's default cache takes
 * a lock and reorders a list on each lookup, where Caffeine reads without a lock (docs/PERFORMANCE.md).
 */
final class CaffeineJdbiCache implements JdbiCacheBuilder {

    private final int maximumSize;

    CaffeineJdbiCache(int maximumSize) {
        this.maximumSize = maximumSize;
    }

    @Override
    public <K, V> JdbiCache<K, V> build() {
        return new Lookups<>(Caffeine.newBuilder().maximumSize(maximumSize).build(), null);
    }

    @Override
    public <K, V> JdbiCache<K, V> buildWithLoader(JdbiCacheLoader<K, V> loader) {
        return new Lookups<>(Caffeine.newBuilder().maximumSize(maximumSize).build(), loader);
    }

    @Override
    public JdbiCacheBuilder maxSize(int size) {
        return new CaffeineJdbiCache(size);
    }

    private record Lookups<K, V>(Cache<K, V> cache, @Nullable JdbiCacheLoader<K, V> loader) implements JdbiCache<K, V> {
        @Override
        public @Nullable V get(K key) {
            return loader == null ? cache.getIfPresent(key) : cache.get(key, loader::create);
        }

        @Override
        public @Nullable V getWithLoader(K key, JdbiCacheLoader<K, V> loader) {
            return cache.get(key, loader::create); // a null value is returned, not kept
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getStats() {
            return (T) cache.stats();
        }
    }
}
