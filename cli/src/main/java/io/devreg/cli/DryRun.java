package io.devreg.cli;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link DeviceRegistry#registerAll} would do with each row of a file, found by reading the
 * store only. It applies the contract's rule: under {@link ImportMode#CREATE} a row whose
 * (type, mac) or (type, serial number) is registered, in the store or by an earlier row of the
 * file, fails; under {@link ImportMode#CREATE_OR_UPDATE} a row that names a device by its
 * identity (both mac and serial number, when it gives both) updates it or leaves it unchanged,
 * and otherwise fails like a CREATE row if one of its keys is taken.
 *
 * <p>To see duplicates within the file, it remembers the identity and the updatable values
 * (hashed) of each device the file would register or change: memory grows with the file's
 * distinct devices, not with its rows' other contents.
 */
final class DryRun {

    /**
     * A device as the import so far would leave it: its identity and its updatable values.
     *
     * @param mac    its mac, canonical
     * @param serial its serial number
     * @param values its name, firmware version and online flag
     */
    private record Predicted(@Nullable String mac, @Nullable String serial, List<@Nullable Object> values) {

        boolean isNamedBy(NewDevice row) {
            return (row.mac() == null || row.mac().equals(mac))
                    && (row.serialNumber() == null || row.serialNumber().equals(serial));
        }
    }

    private final DeviceRegistry registry;
    private final ImportMode mode;
    /** Devices the file registered or changed, by "m" or "s", type and mac or serial number. */
    private final Map<String, Predicted> byKey = new HashMap<>();

    DryRun(DeviceRegistry registry, ImportMode mode) {
        this.registry = registry;
        this.mode = mode;
    }

    /** The outcome of each row, in order; a failed row failed with DEVICE_ALREADY_REGISTERED. */
    List<RowOutcome> outcomes(List<NewDevice> rows) {
        List<RowOutcome> outcomes = new ArrayList<>(rows.size());
        for (NewDevice row : rows) {
            outcomes.add(outcome(row));
        }
        return outcomes;
    }

    private RowOutcome outcome(NewDevice row) {
        List<@Nullable Object> values = values(row.name(), row.version(), row.online());
        if (mode == ImportMode.CREATE_OR_UPDATE) {
            Predicted named = named(row);
            if (named != null) {
                remember(row.type(), new Predicted(named.mac(), named.serial(), values));
                return named.values().equals(values) ? RowOutcome.UNCHANGED : RowOutcome.UPDATED;
            }
        }
        if (taken(row.type(), "m", row.mac()) || taken(row.type(), "s", row.serialNumber())) {
            return RowOutcome.FAILED;
        }
        remember(row.type(), new Predicted(row.mac(), row.serialNumber(), values));
        return RowOutcome.CREATED;
    }

    /** The device the row names by its identity: one the file registered or changed, else a stored one. */
    private @Nullable Predicted named(NewDevice row) {
        for (Predicted seen : new Predicted[] {known(row.type(), "m", row.mac()),
                known(row.type(), "s", row.serialNumber())}) {
            if (seen != null) {
                // The file knows this key's device; the row names it or another row's key is in the way.
                return seen.isNamedBy(row) ? seen : null;
            }
        }
        Optional<Device> stored = registry.find(DeviceRef.identity(row.type(), row.mac(), row.serialNumber()));
        return stored.map(device -> new Predicted(device.mac(), device.serialNumber(),
                values(device.name(), device.version(), device.online()))).orElse(null);
    }

    private boolean taken(String type, String kind, @Nullable String value) {
        if (value == null) {
            return false;
        }
        return byKey.containsKey(key(type, kind, value)) || registry.find(kind.equals("m")
                ? DeviceRef.identity(type, value, null) : DeviceRef.identity(type, null, value)).isPresent();
    }

    private @Nullable Predicted known(String type, String kind, @Nullable String value) {
        return value == null ? null : byKey.get(key(type, kind, value));
    }

    private void remember(String type, Predicted device) {
        if (device.mac() != null) {
            byKey.put(key(type, "m", device.mac()), device);
        }
        if (device.serial() != null) {
            byKey.put(key(type, "s", device.serial()), device);
        }
    }

    private static String key(String type, String kind, String value) {
        return kind + type + '\u0000' + value;
    }

    private static List<@Nullable Object> values(@Nullable String name, @Nullable String version, boolean online) {
        return Arrays.asList(name, version, online); // a List.of would refuse a missing name
    }
}
