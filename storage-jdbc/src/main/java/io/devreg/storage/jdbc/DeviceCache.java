package io.devreg.storage.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.devreg.Device;
import io.devreg.DeviceRef;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A Caffeine cache of devices by id, plus the ids of uuid and identity references (a device's uuid,
 * type, mac and serial number never change and devices are never deleted, so those never go stale).
 *
 * <p>Why a cached device is never older than this store's last returned write: a miss loads the
 * device from the database inside Caffeine's atomic per-key computation, and a write, after its
 * commit, raises a present entry to its result only if that is a newer revision
 * ({@code computeIfPresent}). A load that began before the commit therefore either finishes first
 * (and is then raised) or makes the writer wait; a load that begins after the commit reads the
 * new row. A write never inserts an absent entry, since a later write may already have committed
 * and been evicted. With a {@link ReadCache#maxStaleness()} entries are also dropped after that
 * long, bounding what other instances' writes can leave stale.
 */
final class DeviceCache {

    private final Cache<Long, Device> devices;
    private final Cache<DeviceRef, Long> ids;

    DeviceCache(ReadCache settings) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(settings.maximumDevices());
        if (!settings.maxStaleness().isZero()) {
            builder.expireAfterWrite(settings.maxStaleness());
        }
        this.devices = builder.build();
        this.ids = Caffeine.newBuilder().maximumSize(settings.maximumDevices()).build();
    }

    /**
     * The device {@code ref} names: from the cache, or loaded by {@code load} (a database read by
     * reference) and {@code loadById}.
     */
    Optional<Device> find(DeviceRef ref, Function<DeviceRef, Optional<Device>> load, LongFunction<Optional<Device>> loadById) {
        Long id = ref instanceof DeviceRef.ById byId ? Long.valueOf(byId.id()) : ids.getIfPresent(ref);
        if (id == null) {
            Optional<Device> loaded = load.apply(ref);
            if (loaded.isEmpty()) {
                return loaded; // absence is never cached: the device may be registered next
            }
            id = loaded.get().id();
            ids.put(ref, id);
        }
        return Optional.ofNullable(devices.get(id, key -> loadById.apply(key).orElse(null)));
    }

    /** Records a state this store committed. */
    void written(Device device) {
        devices.asMap().computeIfPresent(device.id(), (id, cached) -> newer(cached, device));
    }

    private static Device newer(Device cached, @Nullable Device written) {
        return written != null && written.revision() > cached.revision() ? written : cached;
    }
}
