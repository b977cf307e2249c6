package io.devreg.storage.memory;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.ErrorCode;
import io.devreg.ImportMode;
import io.devreg.RowOutcome;
import io.devreg.RowResult;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.EventQuery;
import io.devreg.spi.StorageException;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
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
 *       event's sequence: the cell is given its new {@link Cell.Version} tagged with that sequence
 *       just before, and readers keep seeing the version before it until the feed has published
 *       the sequence. So a reader that finds a change then finds its event in the feed, and the
 *       other way round; a device whose registration event is not yet published is not found.</li>
 *   <li>A transition over an expired hold appends its EXPIRE event and its own in one
 *       publication, so they become visible together. An index of expiring holds, ordered by
 *       expiry and updated under the device's lock, lets {@link #expireHolds} reach the expired
 *       ones without scanning every device.</li>
 *   <li>A write with an idempotency key runs under the lock of its key's stripe, which looks the
 *       key up, runs the write and records its result ({@code KeyRecords}): of concurrent writes
 *       with one key, one runs and the others return its record.</li>
 *   <li>Reads ({@link #find}, {@link #list}, {@link #events}) take no lock.</li>
 * </ul>
 * Lock order: key stripe, then registration, then cell, then event log.
 *
 * <h2>Memory</h2>
 * Per device: the {@code Device} record with its strings and uuid, its cell and current
 * {@code Version} (which also holds the state before the last change), an entry in the id
 * index, the uuid index and each identity index it has a key in; per event: one
 * {@code DeviceEvent} referenced from the feed, and its sequence in its device's {@link History}.
 * Nothing is ever evicted; {@code docs/PERFORMANCE.md} gives the measured bytes per device.
 */
public final class InMemoryDeviceStore implements DeviceStore {

    private final ConcurrentSkipListMap<Long, Cell> byId = new ConcurrentSkipListMap<>();
    private final Map<UUID, Cell> byUuid = new ConcurrentHashMap<>();
    private final Map<IdentityKey, Cell> byMac = new ConcurrentHashMap<>();
    private final Map<IdentityKey, Cell> bySerial = new ConcurrentHashMap<>();
    private final EventLog log = new EventLog();
    private final KeyRecords keys = new KeyRecords();
    private final ExpiringHolds holds = new ExpiringHolds();
    private final AccountEvents accounts = new AccountEvents();
    private final Object registration = new Object();
    private long lastId; // guarded by registration
    private volatile boolean closed;

    /** An empty store. */
    public InMemoryDeviceStore() {
    }

    @Override
    public WriteResult insert(NewDevice device, WriteContext context) {
        checkOpen();
        return context.keyed() ? keys.run(context, () -> register(device, context)) : register(device, context);
    }

    private WriteResult register(NewDevice device, WriteContext context) {
        synchronized (registration) {
            Cell existing = existing(device);
            if (existing != null) {
                // every earlier registration is published, so a registered device is visible
                return new WriteResult.Refused(Objects.requireNonNull(visible(existing)));
            }
            Device stored = device.toDevice(++lastId, context.at());
            Cell cell = new Cell(new Cell.Version(stored, Long.MAX_VALUE, null)); // invisible until its event
            synchronized (cell) {
                byId.put(stored.id(), cell);
                byUuid.put(stored.uuid(), cell);
                if (stored.mac() != null) {
                    byMac.put(new IdentityKey(stored.type(), stored.mac()), cell);
                }
                if (stored.serialNumber() != null) {
                    bySerial.put(new IdentityKey(stored.type(), stored.serialNumber()), cell);
                }
                publish(cell, stored, null, sequence -> List.of(new DeviceEvent(sequence, stored.id(),
                        DeviceOperation.REGISTER, null, stored.status(), context.at(), null, null, context.actor(),
                        context.reason(), context.idempotencyKey())));
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

    /** Rows one at a time, in order, under the registration lock: in memory a row costs no round trip. */
    @Override
    public List<RowResult> insertAll(List<NewDevice> devices, ImportMode mode, WriteContext context) {
        checkOpen();
        List<RowResult> results = new ArrayList<>(devices.size());
        synchronized (registration) {
            for (int index = 0; index < devices.size(); index++) {
                results.add(importRow(index, devices.get(index), mode, context));
            }
        }
        return results;
    }

    private RowResult importRow(int index, NewDevice device, ImportMode mode, WriteContext context) {
        // A row with neither mac nor serial number names no device (an identity needs one of them)
        if (mode == ImportMode.CREATE_OR_UPDATE && (device.mac() != null || device.serialNumber() != null)) {
            Cell named = cell(DeviceRef.identity(device.type(), device.mac(), device.serialNumber()));
            if (named != null && (!device.uuidGiven() || named.latest().uuid().equals(device.uuid()))) {
                synchronized (named) {
                    Device current = named.latest();
                    if (Objects.equals(current.name(), device.name()) && Objects.equals(current.version(),
                            device.version()) && current.online() == device.online()) {
                        return RowResult.of(index, RowOutcome.UNCHANGED, current);
                    }
                    Device next = new Device(current.id(), current.type(), current.uuid(), current.serialNumber(),
                            current.mac(), current.status(), device.name(), device.version(), current.createdAt(),
                            context.at(), device.online(), current.revision() + 1, current.reservation(),
                            current.account());
                    named.version = new Cell.Version(next, 0, current); // no event: visible at once
                    return RowResult.of(index, RowOutcome.UPDATED, next);
                }
            }
        }
        WriteResult result = register(device, context);
        return result instanceof WriteResult.Applied applied ? RowResult.of(index, RowOutcome.CREATED, applied.device())
                : RowResult.failed(index, ErrorCode.DEVICE_ALREADY_REGISTERED);
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        checkOpen();
        Cell cell = cell(ref);
        return cell == null ? Optional.empty() : Optional.ofNullable(visible(cell));
    }

    @Override
    public WriteResult transition(DeviceRef ref, Transition transition, WriteContext context) {
        checkOpen();
        // no capturing lambda unless keyed: a transition is the hot path
        return context.keyed() ? keys.run(context, () -> applyTransition(ref, transition, context))
                : applyTransition(ref, transition, context);
    }

    private WriteResult applyTransition(DeviceRef ref, Transition transition, WriteContext context) {
        Cell cell = cell(ref);
        if (cell == null) {
            return WriteResult.NOT_FOUND;
        }
        synchronized (cell) {
            Device current = cell.latest();
            if (!transition.appliesTo(current, context.at())) {
                return new WriteResult.Refused(current);
            }
            Device next = transition.applyTo(current, context.at());
            publish(cell, next, current, first -> transition.events(first, current, context));
            return new WriteResult.Applied(next);
        }
    }

    @Override
    public WriteResult update(DeviceRef ref, DeviceUpdate update, WriteContext context) {
        checkOpen();
        return context.keyed() ? keys.run(context, () -> applyUpdate(ref, update, context))
                : applyUpdate(ref, update, context);
    }

    private WriteResult applyUpdate(DeviceRef ref, DeviceUpdate update, WriteContext context) {
        Cell cell = cell(ref);
        if (cell == null) {
            return WriteResult.NOT_FOUND;
        }
        synchronized (cell) {
            Device current = cell.latest();
            if (!update.appliesTo(current)) {
                return new WriteResult.Refused(current);
            }
            Device next = update.applyTo(current, context.at());
            cell.version = new Cell.Version(next, 0, current); // no event: visible at once
            return new WriteResult.Applied(next);
        }
    }

    @Override
    public int expireHolds(int limit, WriteContext context) {
        checkOpen();
        Instant at = context.at();
        return holds.expire(at, limit, id -> {
            Cell cell = byId.get(id);
            if (cell == null) {
                return false;
            }
            synchronized (cell) {
                Device current = cell.latest();
                if (!current.holdExpiredAt(at)) {
                    return false; // its hold changed since the index listed it
                }
                publish(cell, Transition.expire(current, at), current,
                        sequence -> List.of(Transition.expiry(sequence, current, context)));
                return true;
            }
        });
    }

    @Override
    public int purgeIdempotencyKeys(Instant recordedBefore, int limit) {
        checkOpen();
        return keys.purge(recordedBefore, limit);
    }

    /**
     * Appends a change's events and makes the change visible with them (the caller holds the cell's
     * lock): the cell gets its new version, tagged with the last event's sequence, just before the
     * feed publishes the events. Then the indexes follow: the device's history, its expiring hold,
     * the account's usage events.
     */
    private void publish(Cell cell, Device next, @Nullable Device before,
            java.util.function.LongFunction<List<DeviceEvent>> events) {
        List<DeviceEvent> appended = log.append(events,
                made -> cell.version = new Cell.Version(next, made.get(made.size() - 1).sequence(), before));
        for (DeviceEvent event : appended) {
            cell.add(event);
            accounts.published(event);
        }
        holds.changed(before, next);
    }

    @Override
    public List<Device> list(DeviceQuery query, int max, Instant now) {
        checkOpen();
        List<Device> page = new ArrayList<>(Math.min(max, 64));
        for (Cell cell : byId.tailMap(query.afterId(), false).values()) {
            Device device = visible(cell);
            if (device != null && query.matches(device.asOf(now))) {
                page.add(device);
                if (page.size() == max) {
                    break;
                }
            }
        }
        return page;
    }

    @Override
    public List<DeviceEvent> events(EventQuery query) {
        checkOpen();
        if (query instanceof EventQuery.Feed feed) {
            return log.after(feed.afterSequence(), feed.limit());
        }
        if (query instanceof EventQuery.OfDevice ofDevice) {
            Cell cell = byId.get(ofDevice.deviceId());
            if (cell == null) {
                return List.of();
            }
            synchronized (cell) {
                return cell.toList(log::get);
            }
        }
        EventQuery.OfAccount ofAccount = (EventQuery.OfAccount) query;
        return accounts.before(ofAccount.account(), ofAccount.to(), log::get);
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
        Cell.Version version = cell.version;
        return version.sequence() <= log.size() ? version.device() : version.before();
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("This InMemoryDeviceStore is closed");
        }
    }
}
