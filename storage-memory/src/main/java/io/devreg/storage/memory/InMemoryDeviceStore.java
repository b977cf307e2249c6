package io.devreg.storage.memory;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeviceStore} in the heap of one process: for tests, and for small single-process
 * applications that can afford to lose the registry when the process ends (nothing is written
 * to disk).
 *
 * <h2>How it keeps the store's guarantees</h2>
 * <ul>
 *   <li>Each device lives in a cell holding its current immutable {@link Device} and its events.
 *       Every write to a device runs under that cell's lock, so writes to one device are
 *       linearizable and writes to different devices run in parallel.</li>
 *   <li>Registration runs under one registration lock that checks and fills the uuid,
 *       {@code (type, mac)} and {@code (type, serial_number)} indexes together, so uniqueness
 *       is atomic; it takes the new cell's lock before the cell becomes reachable, so no
 *       transition can precede the registration event.</li>
 *   <li>Events go through an {@link EventLog} whose lock assigns the sequence and publishes the
 *       event together: the feed is dense (sequences 1, 2, 3, ...) and an event never becomes
 *       visible after a later one.</li>
 *   <li>A change and its event become visible at one instant, the feed's publication of the
 *       event's sequence: the cell is given its new {@link Version} tagged with that sequence
 *       just before, and readers keep seeing the version before it until the feed has published
 *       the sequence. So a reader that finds a change then finds its event in the feed, and the
 *       other way round; a device whose registration event is not yet published is not found.</li>
 *   <li>Reads ({@link #find}, {@link #list}, {@link #events}) take no lock.</li>
 * </ul>
 * Lock order: registration, then cell, then event log.
 *
 * <h2>Memory</h2>
 * Per device: the {@code Device} record with its strings and uuid, its cell and current
 * {@code Version} (which also holds the state before the last change), an entry in the id
 * index, the uuid index and each identity index it has a key in; per event: one
 * {@code DeviceEvent} referenced from the feed, and its sequence in its device's {@link History}.
 * Nothing is ever evicted; {@code docs/PERFORMANCE.md} gives the measured bytes per device.
 */
public final class InMemoryDeviceStore implements DeviceStore {

    /**
     * A device's state as of the feed's publication of {@code sequence} (0: at once), and the
     * state readers see until then ({@code before}; null for a registration).
     */
    private record Version(Device device, long sequence, @Nullable Device before) {
    }

    /**
     * A device's current version and, as the {@link History} it extends, its events; both written
     * only under the cell's lock.
     */
    private static final class Cell extends History {
        volatile Version version;

        Cell(Version version) {
            this.version = version;
        }

        /** The device's latest state; only for the holder of the cell's lock, or identity fields. */
        Device latest() {
            return version.device();
        }
    }

    /**
     * A type and a mac or serial number. Equality is written out: a record's generated equals goes
     * through method handles that showed up as a fifth of a reserve+release in the profile.
     */
    private record IdentityKey(String type, String value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey key && value.equals(key.value) && type.equals(key.type);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + value.hashCode();
        }
    }

    private final ConcurrentSkipListMap<Long, Cell> byId = new ConcurrentSkipListMap<>();
    private final Map<UUID, Cell> byUuid = new ConcurrentHashMap<>();
    private final Map<IdentityKey, Cell> byMac = new ConcurrentHashMap<>();
    private final Map<IdentityKey, Cell> bySerial = new ConcurrentHashMap<>();
    private final EventLog log = new EventLog();
    private final Object registration = new Object();
    private long lastId; // guarded by registration
    private volatile boolean closed;

    /** An empty store. */
    public InMemoryDeviceStore() {
    }

    @Override
    public WriteResult insert(NewDevice device, Instant at) {
        checkOpen();
        synchronized (registration) {
            Cell existing = existing(device);
            if (existing != null) {
                // every earlier registration is published, so a registered device is visible
                return new WriteResult.Refused(Objects.requireNonNull(visible(existing)));
            }
            Device stored = device.toDevice(++lastId, at);
            Cell cell = new Cell(new Version(stored, Long.MAX_VALUE, null)); // invisible until its event
            synchronized (cell) {
                byId.put(stored.id(), cell);
                byUuid.put(stored.uuid(), cell);
                if (stored.mac() != null) {
                    byMac.put(new IdentityKey(stored.type(), stored.mac()), cell);
                }
                if (stored.serialNumber() != null) {
                    bySerial.put(new IdentityKey(stored.type(), stored.serialNumber()), cell);
                }
                cell.add(log.append(
                        sequence -> new DeviceEvent(sequence, stored.id(), DeviceOperation.REGISTER, null,
                                stored.status(), at),
                        event -> cell.version = new Version(stored, event.sequence(), null)));
            }
            return new WriteResult.Applied(stored);
        }
    }

    private @Nullable Cell existing(NewDevice device) {
        Cell cell = byUuid.get(device.uuid());
        if (cell == null && device.mac() != null) {
            cell = byMac.get(new IdentityKey(device.type(), device.mac()));
        }
        if (cell == null && device.serialNumber() != null) {
            cell = bySerial.get(new IdentityKey(device.type(), device.serialNumber()));
        }
        return cell;
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        checkOpen();
        Cell cell = cell(ref);
        return cell == null ? Optional.empty() : Optional.ofNullable(visible(cell));
    }

    @Override
    public WriteResult transition(DeviceRef ref, Transition transition) {
        checkOpen();
        Cell cell = cell(ref);
        if (cell == null) {
            return WriteResult.NOT_FOUND;
        }
        synchronized (cell) {
            Device current = cell.latest();
            if (!transition.appliesTo(current)) {
                return new WriteResult.Refused(current);
            }
            Device next = transition.applyTo(current);
            cell.add(log.append(sequence -> transition.event(sequence, current),
                    event -> cell.version = new Version(next, event.sequence(), current)));
            return new WriteResult.Applied(next);
        }
    }

    @Override
    public WriteResult update(DeviceRef ref, DeviceUpdate update, Instant at) {
        checkOpen();
        Cell cell = cell(ref);
        if (cell == null) {
            return WriteResult.NOT_FOUND;
        }
        synchronized (cell) {
            Device current = cell.latest();
            if (!update.appliesTo(current)) {
                return new WriteResult.Refused(current);
            }
            Device next = update.applyTo(current, at);
            cell.version = new Version(next, 0, current); // no event: visible at once
            return new WriteResult.Applied(next);
        }
    }

    @Override
    public List<Device> list(DeviceQuery query, int max) {
        checkOpen();
        List<Device> page = new ArrayList<>(Math.min(max, 64));
        for (Cell cell : byId.tailMap(query.afterId(), false).values()) {
            Device device = visible(cell);
            if (device != null && query.matches(device)) {
                page.add(device);
                if (page.size() == max) {
                    break;
                }
            }
        }
        return page;
    }

    @Override
    public List<DeviceEvent> history(long deviceId) {
        checkOpen();
        Cell cell = byId.get(deviceId);
        if (cell == null) {
            return List.of();
        }
        synchronized (cell) {
            return cell.toList(log::get);
        }
    }

    @Override
    public List<DeviceEvent> events(long afterSequence, int limit) {
        checkOpen();
        return log.after(afterSequence, limit);
    }

    /**
     * Closes the store: every later call fails with {@link StorageException}. The devices are
     * not written anywhere; they are gone once the store is unreachable.
     */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "InMemoryDeviceStore[devices=" + byId.size() + ", events=" + log.size() + (closed ? ", closed" : "") + ']';
    }

    private @Nullable Cell cell(DeviceRef ref) {
        if (ref instanceof DeviceRef.ById byIdRef) {
            return byId.get(byIdRef.id());
        }
        if (ref instanceof DeviceRef.ByUuid byUuidRef) {
            return byUuid.get(byUuidRef.uuid());
        }
        DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
        if (identity.mac() != null) {
            Cell cell = byMac.get(new IdentityKey(identity.type(), identity.mac()));
            if (cell != null && identity.serialNumber() != null
                    && !identity.serialNumber().equals(cell.latest().serialNumber())) {
                return null;
            }
            return cell;
        }
        return bySerial.get(new IdentityKey(identity.type(), identity.serialNumber()));
    }

    /**
     * The device as readers may see it: the cell's version once the feed has published its event,
     * the one before until then. The version is read before the feed's size, so a version whose
     * event is published by then was current at some instant during this call.
     */
    private @Nullable Device visible(Cell cell) {
        Version version = cell.version;
        return version.sequence() <= log.size() ? version.device() : version.before();
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("This InMemoryDeviceStore is closed");
        }
    }
}
