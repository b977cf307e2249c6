package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.storage.jdbc.TransactionRunner.Work;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/**
 * H2's statements. H2 has no data-modifying CTEs, so a registration is a short transaction of two
 * statements: the device (as {@code SELECT ... FROM FINAL TABLE (INSERT ...)}), then its event, whose
 * sequence comes from the one-row counter table in the same statement ({@code INSERT ... SELECT ...
 * FROM FINAL TABLE (UPDATE <counter> ...)}). A transition is written locked ({@link LockedWrites}):
 * the device's row is read {@code FOR UPDATE}, core's {@link Transition} decides, and the state and
 * its events follow; in the embedded store, whose writes run one at a time, the lock costs nothing.
 * Incrementing the counter locks its row until the transaction ends, so the next writer gets its
 * numbers only after this one committed (or rolled back, and its numbers are reused): sequences are
 * dense and assigned in commit order. A device row is locked before the counter row in every
 * transaction, so the two cannot deadlock.
 *
 * <p>A bulk registration inserts its devices in a JDBC batch that answers their generated ids, takes
 * as many sequences from the counter at once, and inserts the events in a second batch. A device whose
 * key is taken fails the batch ({@link BulkStatements#insertsSkippingTakenKeys()} is false): in the embedded store,
 * whose writes run one at a time, the keys read before it were exact, so only a concurrent writer on a
 * caller's H2 database can make it happen.
 */
final class H2Statements extends Statements {

    /** Serializes schema creation on H2 inside this JVM (H2 has no advisory locks; its DDL commits itself). */
    private static final Object SCHEMA_LOCK = new Object();

    private final String insert;
    private final String insertNew;
    private final BulkStatements bulk;
    private final String appendRegistration;
    private final String takeSequences;
    private final String expired;
    private final String tableExists;
    private final String latestFeedSequence;

    H2Statements(Tables tables) {
        super(tables, "SELECT " + EVENT_COLUMNS + " FROM " + tables.events() + " WHERE sequence_number > :after"
                + " ORDER BY sequence_number LIMIT :limit",
                "DELETE FROM " + tables.idempotencyKeys() + " WHERE recorded_at < :before FETCH FIRST :limit ROWS ONLY");
        insert = returning("INSERT INTO " + tables.devices() + " (type, uuid, serial_number, mac, status, name, version,"
                + " created_at, last_updated_at, online, revision)"
                + " VALUES (:type, :uuid, :serial_number, :mac, :status, :name, :version, :at, :at, :online, 1)", "id");
        insertNew = "INSERT INTO " + tables.devices() + " (type, uuid, serial_number, mac, status, name, version,"
                + " created_at, last_updated_at, online, revision) VALUES (:type, :uuid, :serial_number, :mac, :status,"
                + " :name, :version, :created_at, :last_updated_at, :online, :revision)";
        String keyHolders = "SELECT " + DEVICE_COLUMNS + " FROM " + tables.devices() + " WHERE uuid = ANY(CAST(:uuids AS UUID ARRAY))"
                + " UNION ALL SELECT " + ALIASED_DEVICE_COLUMNS + " FROM UNNEST(CAST(:mac_types AS VARCHAR ARRAY),"
                + " CAST(:macs AS VARCHAR ARRAY)) AS k(type, mac) JOIN " + tables.devices() + " d"
                + " ON d.type = k.type AND d.mac = k.mac"
                + " UNION ALL SELECT " + ALIASED_DEVICE_COLUMNS + " FROM UNNEST(CAST(:serial_types AS VARCHAR ARRAY),"
                + " CAST(:serials AS VARCHAR ARRAY)) AS k(type, serial_number) JOIN " + tables.devices() + " d"
                + " ON d.type = k.type AND d.serial_number = k.serial_number";
        bulk = new BulkStatements(tables, keyHolders, this::insertAll, null);
        String nextSequence = " FROM FINAL TABLE (UPDATE " + tables.counter()
                + " SET last_sequence = last_sequence + 1 WHERE id = 1)";
        appendRegistration = "INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ")"
                + " SELECT last_sequence, :device_id, 'REGISTER', NULL, 'INITIALIZING', :at, NULL, NULL, :actor, :reason,"
                + " :idempotency_key" + nextSequence;
        takeSequences = "SELECT last_sequence FROM FINAL TABLE (UPDATE " + tables.counter()
                + " SET last_sequence = last_sequence + :count WHERE id = 1)";
        expired = "SELECT " + DEVICE_COLUMNS + ", 0 FROM " + tables.devices()
                + " WHERE status = 'RESERVED' AND expires_at <= :at ORDER BY expires_at, id LIMIT :limit FOR UPDATE";
        tableExists = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA"
                + " AND TABLE_NAME = :table";
        latestFeedSequence = "SELECT COALESCE(MAX(sequence_number), 0) FROM " + tables.events();
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    String latestFeedSequence() {
        return latestFeedSequence; // H2's feed returns every committed event
    }

    @Override
    String returning(String dml, String columns) {
        return "SELECT " + columns + " FROM FINAL TABLE (" + dml + ")";
    }

    @Override
    String lastEventSequence() {
        return "0"; // H2's sequences come from the counter, in commit order: the device keeps none
    }

    @Override
    String storedSequence() {
        return "";
    }

    @Override
    Write<Device> insert(NewDevice device, WriteContext context, int ordinal) {
        return Write.transaction(handle -> {
            long id;
            try {
                id = Parameters.registration(handle.createQuery(insert), device, context).mapTo(Long.class).one();
            } catch (JdbiException e) {
                if (Failures.isDuplicateKey(e)) {
                    return Optional.empty(); // H2 undid the statement; the transaction wrote nothing
                }
                throw e;
            }
            Parameters.context(handle.createUpdate(appendRegistration), context)
                    .bind("device_id", Rows.number(id))
                    .bind("at", Rows.timestamp(context.at()))
                    .execute();
            return Optional.of(device.toDevice(id, Rows.stored(context.at())));
        });
    }

    @Override
    BulkStatements bulk() {
        return bulk;
    }

    /** See {@link BulkStatements.Insert#insertAll}: a batch that answers the generated ids, then the events. */
    private Optional<long[]> insertAll(Handle handle, List<Device> devices, WriteContext context) {
        PreparedBatch batch = handle.prepareBatch(insertNew);
        for (Device device : devices) {
            Parameters.newDevice(batch, device).add();
        }
        List<Long> ids;
        try {
            ids = batch.executePreparedBatch("id").mapTo(Long.class).list();
        } catch (JdbiException e) {
            if (Failures.isDuplicateKey(e)) {
                return Optional.empty(); // the rows before and after it were inserted: the caller rolls back
            }
            throw e;
        }
        if (ids.size() != devices.size()) {
            throw new IllegalStateException("H2 answered " + ids.size() + " ids for " + devices.size() + " devices");
        }
        long first = firstSequence(handle, devices.size(), null).getAsLong();
        long[] assigned = new long[devices.size()];
        List<DeviceEvent> events = new ArrayList<>(devices.size());
        for (int i = 0; i < assigned.length; i++) {
            assigned[i] = ids.get(i);
            events.add(new DeviceEvent(first + i, assigned[i], DeviceOperation.REGISTER, null, DeviceStatus.INITIALIZING,
                    devices.get(i).createdAt(), null, null, context.actor(), context.reason(), null));
        }
        append(handle, events);
        return Optional.of(assigned);
    }

    @Override
    @Nullable Write<Device> transition(DeviceRef ref, Transition transition, WriteContext context) {
        return null; // written locked: see the class comment
    }

    @Override
    OptionalLong firstSequence(Handle handle, int count, @Nullable Locked locked) {
        long last = handle.createQuery(takeSequences).bind("count", count).mapTo(Long.class).one();
        return OptionalLong.of(last - count + 1);
    }

    @Override
    List<Device> expire(Handle handle, int limit, WriteContext context) {
        List<Device> due = handle.createQuery(expired).bind("at", Rows.timestamp(context.at())).bind("limit", limit)
                .scanResultSet((results, ctx) -> {
                    ResultSet rs = results.get();
                    List<Device> devices = new ArrayList<>();
                    while (rs.next()) {
                        devices.add(Rows.device(rs, 0));
                    }
                    return devices;
                });
        if (due.isEmpty()) {
            return due;
        }
        long first = firstSequence(handle, due.size(), null).getAsLong();
        List<Device> ended = new ArrayList<>(due.size());
        List<DeviceEvent> expiries = new ArrayList<>(due.size());
        for (Device device : due) {
            Device after = Transition.expire(device, context.at());
            store(handle, after, 0);
            expiries.add(Transition.expiry(first + ended.size(), device, context));
            ended.add(after);
        }
        append(handle, expiries);
        return ended;
    }

    @Override
    boolean tableExists(Handle handle, String table) {
        return handle.createQuery(tableExists).bind("table", table.toUpperCase(Locale.ROOT)).mapTo(Integer.class).one() > 0;
    }

    @Override
    <T> T underSchemaLock(Handle handle, Work<T> work) throws SQLException {
        synchronized (SCHEMA_LOCK) {
            return work.on(handle);
        }
    }
}
