package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.ErrorCode;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowOutcome;
import io.devreg.RowResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one chunk of a bulk registration, decided in Java in row order as if each were
 * registered in turn ({@link io.devreg.spi.DeviceStore#insertAll}): against the stored devices that
 * hold any of the chunk's keys, read in the chunk's transaction, and against what the chunk's earlier
 * rows created or changed. {@link BulkWrites} then writes what it decided in batches: the new
 * devices, each as the chunk leaves it (a device created by one row and updated by a later one is
 * inserted once, in its final state), and each stored device the chunk changed, once, on the
 * condition that its revision is still the one read.
 */
final class ImportPlan {

    /** A device as the chunk leaves it: new (to insert), or stored (to update if the chunk changed it). */
    private static final class Slot {
        Device device; // id 0 while new: the database assigns it
        final long storedRevision; // the revision read; 0 for a new device
        final int newIndex; // the position among the new devices, or -1 for a stored device
        boolean changed;

        Slot(Device device, long storedRevision, int newIndex) {
            this.device = device;
            this.storedRevision = storedRevision;
            this.newIndex = newIndex;
        }
    }

    /** A key of the type's mac or serial-number namespace. */
    private record TypedKey(String type, String value) {
    }

    /** What became of one row: the device as the row left it, or null when it failed. */
    private record Decision(RowOutcome outcome, @Nullable Slot slot, @Nullable Device device) {
    }

    /**
     * A stored device the chunk changed: its state after the chunk, written only if the stored
     * revision is still {@code expectedRevision}.
     *
     * @param after            the device after the chunk's rows
     * @param expectedRevision its revision as read
     */
    record Update(Device after, long expectedRevision) {
    }

    private final int firstIndex;
    private final List<Decision> decisions;
    private final List<Slot> created = new ArrayList<>();
    private final List<Slot> changed = new ArrayList<>();
    private final Map<UUID, Slot> byUuid = new HashMap<>();
    private final Map<TypedKey, Slot> byMac = new HashMap<>();
    private final Map<TypedKey, Slot> bySerial = new HashMap<>();

    private ImportPlan(int firstIndex, int rows) {
        this.firstIndex = firstIndex;
        this.decisions = new ArrayList<>(rows);
    }

    /**
     * Decides {@code rows} (the first one being row {@code firstIndex} of the call) against the
     * {@code stored} devices that hold any of their keys, at {@code at} (stored precision).
     */
    static ImportPlan decide(int firstIndex, List<NewDevice> rows, List<Device> stored, ImportMode mode, Instant at) {
        ImportPlan plan = new ImportPlan(firstIndex, rows.size());
        for (Device device : stored) {
            plan.hold(new Slot(device, device.revision(), -1));
        }
        for (NewDevice row : rows) {
            plan.decisions.add(plan.decide(row, mode, at));
        }
        return plan;
    }

    private Decision decide(NewDevice row, ImportMode mode, Instant at) {
        if (mode == ImportMode.CREATE_OR_UPDATE) {
            Slot named = named(row);
            if (named != null && (!row.uuidGiven() || named.device.uuid().equals(row.uuid()))) {
                Device current = named.device;
                if (Objects.equals(current.name(), row.name()) && Objects.equals(current.version(), row.version())
                        && current.online() == row.online()) {
                    return new Decision(RowOutcome.UNCHANGED, named, current);
                }
                Device next = new Device(current.id(), current.type(), current.uuid(), current.serialNumber(),
                        current.mac(), current.status(), row.name(), row.version(), current.createdAt(), at,
                        row.online(), current.revision() + 1, current.reservation(), current.account());
                named.device = next;
                if (named.newIndex < 0 && !named.changed) {
                    named.changed = true;
                    changed.add(named);
                }
                return new Decision(RowOutcome.UPDATED, named, next);
            }
        }
        if (byUuid.containsKey(row.uuid()) || row.mac() != null && byMac.containsKey(new TypedKey(row.type(), row.mac()))
                || row.serialNumber() != null && bySerial.containsKey(new TypedKey(row.type(), row.serialNumber()))) {
            return new Decision(RowOutcome.FAILED, null, null);
        }
        Slot fresh = new Slot(row.toDevice(0, at), 0, created.size());
        created.add(fresh);
        hold(fresh);
        return new Decision(RowOutcome.CREATED, fresh, fresh.device);
    }

    /** The device the row's identity names, as {@code DeviceRef.identity(type, mac, serialNumber)} would find it. */
    private @Nullable Slot named(NewDevice row) {
        String mac = row.mac();
        String serial = row.serialNumber();
        if (mac == null) {
            return serial == null ? null : bySerial.get(new TypedKey(row.type(), serial));
        }
        Slot byItsMac = byMac.get(new TypedKey(row.type(), mac));
        return byItsMac == null || serial == null || serial.equals(byItsMac.device.serialNumber()) ? byItsMac : null;
    }

    private void hold(Slot slot) {
        Device device = slot.device;
        byUuid.put(device.uuid(), slot);
        if (device.mac() != null) {
            byMac.put(new TypedKey(device.type(), device.mac()), slot);
        }
        if (device.serialNumber() != null) {
            bySerial.put(new TypedKey(device.type(), device.serialNumber()), slot);
        }
    }

    /** The devices to insert, in row order, each as the chunk leaves it, with id 0. */
    List<Device> newDevices() {
        return created.stream().map(slot -> slot.device).toList();
    }

    /** The stored devices the chunk changed, each once, in the order of their first change. */
    List<Update> updates() {
        return changed.stream().map(slot -> new Update(slot.device, slot.storedRevision)).toList();
    }

    /** One result per row, in order, once the new devices were stored under {@code ids} (in {@link #newDevices} order). */
    List<RowResult> results(long[] ids) {
        if (ids.length != created.size()) {
            throw new IllegalArgumentException(created.size() + " new devices, " + ids.length + " ids");
        }
        List<RowResult> results = new ArrayList<>(decisions.size());
        for (int i = 0; i < decisions.size(); i++) {
            Decision decision = decisions.get(i);
            int index = firstIndex + i;
            if (decision.outcome() == RowOutcome.FAILED) {
                results.add(RowResult.failed(index, ErrorCode.DEVICE_ALREADY_REGISTERED));
                continue;
            }
            Slot slot = Objects.requireNonNull(decision.slot());
            Device device = Objects.requireNonNull(decision.device());
            results.add(RowResult.of(index, decision.outcome(), slot.newIndex < 0 ? device
                    : withId(device, ids[slot.newIndex])));
        }
        return results;
    }

    static Device withId(Device device, long id) {
        return new Device(id, device.type(), device.uuid(), device.serialNumber(), device.mac(), device.status(),
                device.name(), device.version(), device.createdAt(), device.lastUpdatedAt(), device.online(),
                device.revision(), device.reservation(), device.account());
    }
}
