package io.devreg.storage.jdbc;

import static io.devreg.storage.jdbc.PostgresStatements.SEQUENCE;
import static io.devreg.storage.jdbc.Statements.DEVICE_COLUMNS;
import static io.devreg.storage.jdbc.Statements.EVENT_COLUMNS;

import io.devreg.Device;
import io.devreg.spi.WriteContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * PostgreSQL's bulk registration. The ids of a chunk's new devices are taken from the id column's
 * sequence first, in one statement, and handed out in row order; one statement then inserts every
 * device (from arrays, {@code unnest ... WITH ORDINALITY}, in row order) and its REGISTER event, whose
 * sequence is the transaction's plus the device's place in the chunk.
 *
 * <p>Two forms of the insert. {@link #skippingTakenKeys} adds {@code ON CONFLICT DO NOTHING}: it skips a
 * device whose key a stored device or an earlier device of the chunk holds, as registering it alone
 * would, after waiting for a concurrent transaction that wrote the key to end. {@link #stoppingAtTakenKeys}
 * has no conflict clause: a taken key fails the statement (the caller rolls back), and a chunk whose
 * keys are all free costs less, since PostgreSQL then inserts each row once rather than checking every
 * unique index before it inserts (measured: {@code JdbcBulkImportCosts}, {@code onConflictDoNothing}
 * against {@code none}). {@link #keyHolders}
 * looks each key up by its index ({@code LATERAL ... LIMIT 1} keeps the planner from hashing the whole
 * table for a thousand keys).
 */
final class PostgresBulkInsert implements BulkStatements.Insert {

    private final String table;
    private final String takeIds;
    private final String insertNew;
    private final boolean skipsTakenKeys;

    /** The insert that skips a device whose key is taken. */
    static PostgresBulkInsert skippingTakenKeys(Tables tables) {
        return new PostgresBulkInsert(tables, true);
    }

    /** The insert that stops at a taken key: its answer is then empty, and the transaction must be rolled back. */
    static PostgresBulkInsert stoppingAtTakenKeys(Tables tables) {
        return new PostgresBulkInsert(tables, false);
    }

    private PostgresBulkInsert(Tables tables, boolean skipsTakenKeys) {
        this.skipsTakenKeys = skipsTakenKeys;
        table = tables.devices();
        takeIds = "SELECT nextval(s.id_sequence) FROM (SELECT CAST(pg_get_serial_sequence(:devices, 'id') AS regclass)"
                + " AS id_sequence) s CROSS JOIN generate_series(1, :count)";
        insertNew = "WITH inserted AS (INSERT INTO " + tables.devices() + " (id, type, uuid, serial_number, mac, status,"
                + " name, version, created_at, last_updated_at, online, revision, last_event_sequence)"
                + " SELECT r.id, r.type, r.uuid, r.serial_number, r.mac, 'INITIALIZING', r.name, r.version,"
                + " CAST(:at AS timestamptz), CAST(:at AS timestamptz),"
                + " r.online, r.revision, " + SEQUENCE + " + r.n - 1"
                + " FROM unnest(CAST(:ids AS bigint[]), CAST(:types AS varchar[]), CAST(:uuids AS uuid[]),"
                + " CAST(:serials AS varchar[]), CAST(:macs AS varchar[]), CAST(:names AS varchar[]),"
                + " CAST(:versions AS varchar[]), CAST(:onlines AS boolean[]), CAST(:revisions AS bigint[]))"
                + " WITH ORDINALITY AS r(id, type, uuid, serial_number, mac, name, version, online, revision, n)"
                + " ORDER BY r.n"
                + (skipsTakenKeys ? " ON CONFLICT DO NOTHING" : "") // a key is taken: this device is not written
                + " RETURNING id, last_event_sequence, created_at"
                + "), event AS (INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ")"
                + " SELECT last_event_sequence, id, 'REGISTER', NULL, 'INITIALIZING', created_at, NULL, NULL,"
                + " :actor, :reason, NULL FROM inserted"
                + ") SELECT id FROM inserted";
    }

    /** The SQL of {@link BulkStatements#keyHolders} on PostgreSQL. */
    static String keyHolders(Tables tables) {
        return "SELECT x.* FROM unnest(CAST(:uuids AS uuid[])) AS k(uuid) CROSS JOIN LATERAL (SELECT "
                + DEVICE_COLUMNS + " FROM " + tables.devices() + " WHERE uuid = k.uuid LIMIT 1) x"
                + " UNION ALL SELECT x.* FROM unnest(CAST(:mac_types AS varchar[]), CAST(:macs AS varchar[]))"
                + " AS k(type, mac) CROSS JOIN LATERAL (SELECT " + DEVICE_COLUMNS + " FROM " + tables.devices()
                + " WHERE type = k.type AND mac = k.mac LIMIT 1) x"
                + " UNION ALL SELECT x.* FROM unnest(CAST(:serial_types AS varchar[]), CAST(:serials AS varchar[]))"
                + " AS k(type, serial_number) CROSS JOIN LATERAL (SELECT " + DEVICE_COLUMNS + " FROM "
                + tables.devices() + " WHERE type = k.type AND serial_number = k.serial_number LIMIT 1) x";
    }

    @Override
    public Optional<long[]> insertAll(Handle handle, List<Device> devices, WriteContext context) {
        int count = devices.size();
        long[] ids = handle.createQuery(takeIds).bind("devices", table).bind("count", count)
                .mapTo(Long.class).stream().mapToLong(Long::longValue).sorted().toArray();
        Object[] boxedIds = new Object[count];
        Object[] types = new Object[count];
        Object[] uuids = new Object[count];
        Object[] serials = new Object[count];
        Object[] macs = new Object[count];
        Object[] names = new Object[count];
        Object[] versions = new Object[count];
        Object[] onlines = new Object[count];
        Object[] revisions = new Object[count];
        for (int i = 0; i < count; i++) {
            Device device = devices.get(i);
            boxedIds[i] = ids[i];
            types[i] = device.type();
            uuids[i] = device.uuid();
            serials[i] = device.serialNumber();
            macs[i] = device.mac();
            names[i] = device.name();
            versions[i] = device.version();
            onlines[i] = device.online();
            revisions[i] = device.revision();
        }
        Set<Long> inserted;
        try {
            inserted = new HashSet<>(Parameters.context(handle.createQuery(insertNew), context)
                    .bind("at", Rows.timestamp(devices.get(0).createdAt()))
                    .bind("ids", Rows.array("int8", boxedIds))
                    .bind("types", Rows.array("varchar", types))
                    .bind("uuids", Rows.array("uuid", uuids))
                    .bind("serials", Rows.array("varchar", serials))
                    .bind("macs", Rows.array("varchar", macs))
                    .bind("names", Rows.array("varchar", names))
                    .bind("versions", Rows.array("varchar", versions))
                    .bind("onlines", Rows.array("bool", onlines))
                    .bind("revisions", Rows.array("int8", revisions))
                    .mapTo(Long.class).list());
        } catch (JdbiException e) {
            if (skipsTakenKeys || !Failures.isDuplicateKey(e)) {
                throw e;
            }
            return Optional.empty(); // a key is taken: nothing of the statement was written
        }
        for (int i = 0; i < count; i++) {
            if (!inserted.contains(ids[i])) {
                ids[i] = 0; // a key was taken: skipped
            }
        }
        return Optional.of(ids);
    }
}
