package io.devreg.benchmarks.memory;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.Reservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The raw baseline of the in-memory store: the least work a heap store must do for the durable
 * effect of a devreg operation. A transition is one atomic per-key check-and-swap of an immutable
 * {@link Device} ({@link ConcurrentHashMap#computeIfPresent}) plus one append to a sequenced event
 * log; a registration checks and fills the unique indexes under one lock and appends its event.
 * No validation, no per-device history, no error objects: what is left is the physical cost.
 */
public final class RawMemoryStore {

    /** The identity a device is looked up by: type and mac; equality written out, the fastest kind. */
    public record Key(String type, String mac) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && mac.equals(key.mac) && type.equals(key.type);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + mac.hashCode();
        }
    }

    private final Map<Key, Device> byMac = new ConcurrentHashMap<>();
    private final Map<UUID, Long> byUuid = new ConcurrentHashMap<>();
    private final Map<Key, Long> bySerial = new ConcurrentHashMap<>();
    private final Log log = new Log();
    private final Object registration = new Object();
    private long lastId; // guarded by registration

    /**
     * Stores a new device unless its uuid, mac or serial number is taken, and appends its event.
     *
     * @return the stored device, or {@code null} when one of its keys is taken
     */
    public @Nullable Device insert(String type, UUID uuid, String mac, String serialNumber, String version, Instant at) {
        Key macKey = new Key(type, mac);
        Key serialKey = new Key(type, serialNumber);
        synchronized (registration) {
            if (byUuid.containsKey(uuid) || byMac.containsKey(macKey) || bySerial.containsKey(serialKey)) {
                return null;
            }
            Device device = new Device(++lastId, type, uuid, serialNumber, mac, DeviceStatus.INITIALIZING, null,
                    version, at, at, true, 1);
            byMac.put(macKey, device);
            byUuid.put(uuid, device.id());
            bySerial.put(serialKey, device.id());
            log.append(device.id(), DeviceOperation.REGISTER, null, DeviceStatus.INITIALIZING, at);
            return device;
        }
    }

    /**
     * If the device with {@code key} has status {@code from}, sets it to {@code to} and appends the
     * event, atomically.
     *
     * @return the device after the call (changed or not), or {@code null} when there is none
     */
    public @Nullable Device transition(Key key, DeviceOperation operation, DeviceStatus from, DeviceStatus to,
            Instant at) {
        return byMac.computeIfPresent(key, (k, current) -> {
            if (current.status() != from) {
                return current;
            }
            log.append(current.id(), operation, from, to, at);
            return current.withStatus(to, at);
        });
    }

    /**
     * If the device with {@code key} is available, or reserved under a hold that is over at
     * {@code at}, reserves it for {@code holder} until {@code expiresAt} and appends the event (and,
     * for an expired hold, its {@code EXPIRE} event first), atomically.
     *
     * @return the device after the call (changed or not), or {@code null} when there is none
     */
    public @Nullable Device reserve(Key key, String holder, Instant at, Instant expiresAt) {
        return byMac.computeIfPresent(key, (k, current) -> {
            boolean expired = current.status() == DeviceStatus.RESERVED && current.reservation() != null
                    && !current.reservation().activeAt(at);
            if (current.status() != DeviceStatus.AVAILABLE && !expired) {
                return current;
            }
            if (expired) {
                log.append(current.id(), DeviceOperation.EXPIRE, DeviceStatus.RESERVED, DeviceStatus.AVAILABLE, at,
                        current.reservation().holder());
            }
            log.append(current.id(), DeviceOperation.RESERVE, DeviceStatus.AVAILABLE, DeviceStatus.RESERVED, at,
                    holder);
            return withHold(current, DeviceStatus.RESERVED, new Reservation(holder, at, expiresAt), at);
        });
    }

    /**
     * If the device with {@code key} is reserved by {@code holder} under a hold still active at
     * {@code at}, makes it available and appends the event, atomically.
     *
     * @return the device after the call (changed or not), or {@code null} when there is none
     */
    public @Nullable Device release(Key key, String holder, Instant at) {
        return byMac.computeIfPresent(key, (k, current) -> {
            Reservation hold = current.reservation();
            if (current.status() != DeviceStatus.RESERVED || hold == null || !holder.equals(hold.holder())
                    || !hold.activeAt(at)) {
                return current;
            }
            log.append(current.id(), DeviceOperation.RELEASE, DeviceStatus.RESERVED, DeviceStatus.AVAILABLE, at,
                    holder);
            return withHold(current, DeviceStatus.AVAILABLE, null, at);
        });
    }

    /**
     * Ends up to {@code limit} holds that are over at {@code at}: each such device becomes available
     * with its {@code EXPIRE} event, by the same atomic check-and-swap as any transition. The least
     * work for a heap store with no index of holds: one pass over the devices.
     *
     * @return how many holds it ended
     */
    public int expireHolds(Instant at, int limit) {
        int[] ended = {0};
        for (Key key : byMac.keySet()) {
            if (ended[0] == limit) {
                break;
            }
            byMac.computeIfPresent(key, (k, current) -> {
                Reservation hold = current.reservation();
                if (current.status() != DeviceStatus.RESERVED || hold == null || hold.activeAt(at)) {
                    return current;
                }
                log.append(current.id(), DeviceOperation.EXPIRE, DeviceStatus.RESERVED, DeviceStatus.AVAILABLE, at,
                        hold.holder());
                ended[0]++;
                return withHold(current, DeviceStatus.AVAILABLE, null, at);
            });
        }
        return ended[0];
    }

    private static Device withHold(Device device, DeviceStatus status, @Nullable Reservation hold, Instant at) {
        return new Device(device.id(), device.type(), device.uuid(), device.serialNumber(), device.mac(), status,
                device.name(), device.version(), device.createdAt(), at, device.online(), device.revision() + 1,
                hold, null);
    }

    /** The device with {@code key}, or {@code null}. */
    public @Nullable Device get(Key key) {
        return byMac.get(key);
    }

    /** The number of events appended. */
    public long eventCount() {
        return log.size();
    }

    /** An append-only, densely sequenced event log: chunks of events, appended under its lock. */
    private static final class Log {
        private static final int CHUNK_SIZE = 4096;
        private final List<DeviceEvent[]> chunks = new ArrayList<>();
        private long size;

        void append(long deviceId, DeviceOperation operation, @Nullable DeviceStatus from, DeviceStatus to,
                Instant at) {
            append(deviceId, operation, from, to, at, null);
        }

        synchronized void append(long deviceId, DeviceOperation operation, @Nullable DeviceStatus from,
                DeviceStatus to, Instant at, @Nullable String holder) {
            int slot = (int) (size % CHUNK_SIZE);
            if (slot == 0) {
                chunks.add(new DeviceEvent[CHUNK_SIZE]);
            }
            size++;
            chunks.get(chunks.size() - 1)[slot] = new DeviceEvent(size, deviceId, operation, from, to, at, holder,
                    null, null, null, null);
        }

        synchronized long size() {
            return size;
        }
    }
}
