package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.NewDevice;
import io.devreg.spi.WriteContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/**
 * The statements of bulk registration ({@link BulkWrites}): one read of the stored devices that hold
 * any key of a chunk of rows ({@link #keyHolders}), the inserts of the chunk's new devices with their
 * REGISTER events ({@link #insertAll}), and the updates of the devices it changes ({@link #updateAll}),
 * in batches. The key lists travel as SQL arrays. Each dialect builds one with its own SQL for the
 * lookup and its own insert ({@link Statements#bulk}).
 */
final class BulkStatements {

    /** How a dialect inserts a chunk's new devices with their REGISTER events. */
    @FunctionalInterface
    interface Insert {
        /**
         * Inserts {@code devices} (each as a bulk registration leaves it, with id 0) in order, each with
         * its REGISTER event at its creation time, under the ids the database assigns in that order. A
         * device whose key is taken, by a stored device or by one inserted before it in the list: an
         * insert that skips it gives it id 0 and goes on; one that stops answers nothing, and the
         * transaction must be rolled back.
         *
         * @return the ids in order (0 for a device skipped), or empty if a taken key stopped the insert
         */
        Optional<long[]> insertAll(Handle handle, List<Device> devices, WriteContext context);
    }

    private final String keyHolders;
    private final String updateAttributes;
    private final Insert insert;
    private final @Nullable Insert skipping;

    /**
     * @param keyHolders the devices whose uuid is in {@code :uuids}, whose type and mac are a pair of
     *                   {@code :mac_types} and {@code :macs}, or whose type and serial number are a
     *                   pair of {@code :serial_types} and {@code :serials} (arrays), each found by its
     *                   unique index; a device may be listed more than once
     * @param insert     the insert that stops at a taken key
     * @param skipping   the insert that skips a device whose key is taken, where the dialect has one
     */
    BulkStatements(Tables tables, String keyHolders, Insert insert, @Nullable Insert skipping) {
        this.keyHolders = keyHolders;
        this.insert = insert;
        this.skipping = skipping;
        updateAttributes = "UPDATE " + tables.devices() + " SET name = :name, version = :version, online = :online,"
                + " revision = :revision, last_updated_at = :at WHERE id = :id AND revision = :expected_revision";
    }

    /** Whether {@link #insertAllSkippingTakenKeys} exists. */
    boolean insertsSkippingTakenKeys() {
        return skipping != null;
    }

    /** See {@link Insert#insertAll}: stops at a taken key (empty; the caller rolls back). */
    Optional<long[]> insertAll(Handle handle, List<Device> devices, WriteContext context) {
        return devices.isEmpty() ? Optional.of(new long[0]) : insert.insertAll(handle, devices, context);
    }

    /**
     * See {@link Insert#insertAll}: skips, in order, each device whose key is taken (its id is 0), as
     * registering it alone would refuse it; only where {@link #insertsSkippingTakenKeys()}.
     */
    long[] insertAllSkippingTakenKeys(Handle handle, List<Device> devices, WriteContext context) {
        return Objects.requireNonNull(skipping, "skipping").insertAll(handle, devices, context).orElseThrow();
    }

    /** The stored devices that hold a key of {@code rows}: a uuid given, a {@code (type, mac)}, a {@code (type, serial)}. */
    List<Device> keyHolders(Handle handle, List<NewDevice> rows) {
        List<UUID> uuids = new ArrayList<>();
        List<String> macTypes = new ArrayList<>();
        List<String> macs = new ArrayList<>();
        List<String> serialTypes = new ArrayList<>();
        List<String> serials = new ArrayList<>();
        for (NewDevice row : rows) {
            if (row.uuidGiven()) { // a random uuid is new: should one collide all the same, the unique index says so
                uuids.add(row.uuid());
            }
            if (row.mac() != null) {
                macTypes.add(row.type());
                macs.add(row.mac());
            }
            if (row.serialNumber() != null) {
                serialTypes.add(row.type());
                serials.add(row.serialNumber());
            }
        }
        Map<Long, Device> holders = new HashMap<>();
        handle.createQuery(keyHolders)
                .bind("uuids", Rows.array("uuid", uuids.toArray()))
                .bind("mac_types", Rows.array("varchar", macTypes.toArray()))
                .bind("macs", Rows.array("varchar", macs.toArray()))
                .bind("serial_types", Rows.array("varchar", serialTypes.toArray()))
                .bind("serials", Rows.array("varchar", serials.toArray()))
                .map(Rows.DEVICE)
                .forEach(device -> holders.putIfAbsent(device.id(), device));
        return List.copyOf(holders.values());
    }

    /**
     * Writes each update's name, version, online flag, revision and update time, if the device's
     * revision is still the expected one, in one batch; whether every one was written.
     */
    boolean updateAll(Handle handle, List<ImportPlan.Update> updates) {
        if (updates.isEmpty()) {
            return true;
        }
        PreparedBatch batch = handle.prepareBatch(updateAttributes);
        for (ImportPlan.Update update : updates) {
            Device after = update.after();
            batch.bind("name", Rows.text(after.name()))
                    .bind("version", Rows.text(after.version()))
                    .bind("online", after.online())
                    .bind("revision", Rows.number(after.revision()))
                    .bind("at", Rows.timestamp(after.lastUpdatedAt()))
                    .bind("id", Rows.number(after.id()))
                    .bind("expected_revision", Rows.number(update.expectedRevision()))
                    .add();
        }
        for (int count : batch.execute()) {
            if (count != 1) {
                return false; // changed since it was read: the chunk is decided again, row by row
            }
        }
        return true;
    }
}
