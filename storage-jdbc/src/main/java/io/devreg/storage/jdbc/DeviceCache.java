package io.devreg.storage.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.devreg.Device;
import io.devreg.DeviceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A Caffeine cache of devices by id, plus the uuid and identity references that name them (a
 * device's uuid, type, mac and serial number never change and devices are never deleted, so those
 * never go stale).
 *
 * <p>Why a cached device is never older than this store's last returned write: a miss loads the
 * device from the database inside Caffeine's atomic per-key computation, and a write, after its
 * commit, raises a present entry to its result only if that is a newer revision, in Caffeine's
 * {@code compute}, which takes the key's lock. A load that began before the commit therefore either
 * finishes first (and is then raised) or makes the writer wait; a load that begins after the commit
 * reads the new row. (Not {@code computeIfPresent}: Caffeine answers it without the lock when the key
 * has no entry yet, so a write would not wait for a load in flight, which would then store the row
 * it read before the commit; DeviceCacheConcurrencyTest catches that.) A write never inserts an
 * absent entry, since a later write may already have committed and been evicted. With a {@link ReadCache#maxStaleness()} entries are also dropped after that
 * long, bounding what other instances' writes can leave stale.
 *
 * <p>A reference maps to the very {@link Entry} the id cache holds, so a lookup by reference is one
 * map read, not two (the benchmarks measure it against a bare Caffeine read). The references live
 * in a plain {@link ConcurrentHashMap}, not a second Caffeine cache: its bound comes from the id
 * cache, since a device has at most four references ({@link #referencesOf}) and they leave with it.
 * That is exact because writes raise the entry in place, and eviction (or expiry) marks it
 * {@link Entry#evicted} in the same atomic step that removes it (Caffeine runs an eviction listener
 * synchronously), then removes its references; a reference lookup that still finds an evicted
 * entry falls back to the id cache, and a reference put after the removal is taken back by its
 * writer, which sees the mark. Entries that expire carry their own deadline, taken before the
 * database read that filled them (or at the write that raised them), since Caffeine checks expiry
 * on reads of the id cache only: a reference lookup serves an entry only before its deadline,
 * which bounds its staleness by itself, and falls back to the id cache after it.
 */
final class DeviceCache {

    /** A cached device, shared by its id's entry and the entries of the references naming it. */
    private static final class Entry {
        volatile Device device;
        volatile boolean evicted;
        /** When {@link #expires}: the {@link System#nanoTime()} after which the entry must not be served. */
        volatile long freshUntil;

        Entry(Device device, long freshUntil) {
            this.device = device;
            this.freshUntil = freshUntil;
        }
    }

    private final ReadCache settings;
    private final DeviceCacheStats stats = new DeviceCacheStats();
    private final Cache<Long, Entry> devices;
    private final CacheMetricsView metricsView;
    private final ConcurrentHashMap<DeviceRef, Entry> references = new ConcurrentHashMap<>();
    private final boolean expires;
    private final long stalenessNanos;

    DeviceCache(ReadCache settings) {
        this.settings = settings;
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(settings.maximumDevices());
        expires = !settings.maxStaleness().isZero();
        stalenessNanos = settings.maxStaleness().toNanos();
        if (expires) {
            builder.expireAfterWrite(settings.maxStaleness());
        }
        this.devices = builder.evictionListener(this::evicted).recordStats(() -> stats).build();
        this.metricsView = new CacheMetricsView(devices);
    }

    private void evicted(@Nullable Long id, @Nullable Entry entry, RemovalCause cause) {
        if (entry != null) {
            entry.evicted = true;
            for (DeviceRef ref : referencesOf(entry.device)) {
                references.remove(ref, entry);
            }
        }
    }

    /**
     * Every reference other than by id under which {@link #find} can have stored {@code device}'s
     * entry: a reference names a device only by its uuid, type, mac and serial number, which never change.
     */
    static List<DeviceRef> referencesOf(Device device) {
        List<DeviceRef> refs = uniqueKeys(device.uuid(), device.type(), device.mac(), device.serialNumber());
        if (device.mac() != null && device.serialNumber() != null) {
            refs.add(DeviceRef.identity(device.type(), device.mac(), device.serialNumber()));
        }
        return refs;
    }

    /** The references of a device's unique keys: its uuid, {@code (type, mac)} and {@code (type, serial number)}. */
    static List<DeviceRef> uniqueKeys(UUID uuid, String type, @Nullable String mac, @Nullable String serialNumber) {
        List<DeviceRef> refs = new ArrayList<>(4);
        refs.add(DeviceRef.uuid(uuid));
        if (mac != null) {
            refs.add(DeviceRef.identity(type, mac, null));
        }
        if (serialNumber != null) {
            refs.add(DeviceRef.identity(type, null, serialNumber));
        }
        return refs;
    }

    /**
     * The device {@code ref} names: from the cache, or loaded by {@code load} (a database read by
     * reference) and {@code loadById}. Counted in {@link #metricsView()}'s statistics: a hit when
     * answered from memory, a miss when it read the database.
     */
    Optional<Device> find(DeviceRef ref, Function<DeviceRef, Optional<Device>> load, LongFunction<Optional<Device>> loadById) {
        Entry known = ref instanceof DeviceRef.ById ? null : references.get(ref);
        if (known != null && !known.evicted && (!expires || System.nanoTime() - known.freshUntil < 0)) {
            stats.hit();
            return Optional.of(known.device);
        }
        long id;
        boolean read = false; // whether this find read the database: a miss
        if (ref instanceof DeviceRef.ById byId) {
            id = byId.id();
        } else if (known != null) {
            id = known.device.id();
        } else {
            Optional<Device> loaded = load.apply(ref);
            if (loaded.isEmpty()) {
                stats.miss();
                return loaded; // absence is never cached: the device may be registered next
            }
            id = loaded.get().id();
            read = true;
        }
        Entry entry = devices.getIfPresent(id);
        if (entry == null) {
            read = true;
            entry = devices.get(id, key -> load(key, loadById));
        }
        if (entry != null && expires && System.nanoTime() - entry.freshUntil >= 0) {
            // Caffeine's expiry counts from the end of the read that filled the entry, the deadline
            // from its start: between the two the entry is already too old to serve. Read again.
            entry.evicted = true;
            devices.asMap().remove(id, entry);
            read = true;
            entry = devices.get(id, key -> load(key, loadById));
        }
        if (read) {
            stats.miss();
        } else {
            stats.hit();
        }
        if (entry == null) {
            return Optional.empty();
        }
        if (!(ref instanceof DeviceRef.ById) && entry != known) {
            references.put(ref, entry);
            if (entry.evicted) {
                references.remove(ref, entry); // evicted meanwhile, maybe after its references were removed
            }
        }
        return Optional.of(entry.device);
    }

    /** An entry read by {@code loadById}; null when there is no such device. */
    private @Nullable Entry load(long id, LongFunction<Optional<Device>> loadById) {
        long freshUntil = freshUntil(); // before the read: the row is at least this recent
        long start = System.nanoTime();
        Optional<Device> device = Optional.empty();
        try {
            device = loadById.apply(id);
        } finally {
            stats.loaded(System.nanoTime() - start, device.isPresent()); // a failed read is a failed load
        }
        return device.map(found -> new Entry(found, freshUntil)).orElse(null);
    }

    /** The cache as Caffeine's interface, for metrics binders: its size and statistics only. */
    CacheMetricsView metricsView() {
        return metricsView;
    }

    /** What the cache was made with. */
    ReadCache settings() {
        return settings;
    }

    /** How many references are held; settles pending evictions first. For tests. */
    int referenceCount() {
        devices.cleanUp();
        return references.size();
    }

    /** Records a state this store committed. */
    void written(Device device) {
        devices.asMap().compute(device.id(), (id, entry) -> {
            if (entry != null && device.revision() > entry.device.revision()) {
                entry.device = device;
                entry.freshUntil = freshUntil();
            }
            return entry;
        });
    }

    /** The deadline of an entry filled now (0, unused, when entries never expire). */
    private long freshUntil() {
        return expires ? System.nanoTime() + stalenessNanos : 0;
    }

    /**
     * Drops every cached device, after a write whose outcome is unknown: the next reads go to the
     * database. Explicit invalidation does not run the eviction listener, so every entry is marked
     * first: a reference that a concurrent lookup puts back still falls back to the id cache.
     */
    void forgetAll() {
        devices.asMap().values().forEach(entry -> entry.evicted = true);
        references.clear();
        devices.invalidateAll();
    }
}
