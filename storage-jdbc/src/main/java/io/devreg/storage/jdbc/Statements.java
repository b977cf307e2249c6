package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.storage.jdbc.TransactionRunner.Work;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * Every SQL statement of one dialect, and how each is bound, run and read, on a Jdbi {@link Handle}
 * that {@link TransactionRunner} provides. One object per store, made by {@link #of} when the store
 * is built: the table names are in the SQL text from then on, so no statement is ever rendered
 * again, and nothing else in the store knows which database it talks to. This class holds what both
 * dialects say alike; {@link H2Statements} and {@link PostgresStatements} what they say differently,
 * and {@link KeyStatements} the idempotency keys'.
 *
 * <p>A statement that selects a device by a {@link DeviceRef} takes the condition of the
 * reference's {@link KeyShape}, so each shape has its own SQL text, made once; its values are bound
 * as {@code :key_*} parameters ({@link Parameters}).
 *
 * <p><b>Locked writes.</b> Besides each dialect's own statements, a write may take the device's row
 * lock ({@link #lock}), decide with core's {@link Transition} in Java, and write the state and the
 * events it decided ({@link #store}, {@link #append}), under sequences the dialect hands out
 * ({@link #firstSequence}). {@link LockedWrites} does so wherever one statement cannot.
 *
 * <p><b>Bulk registration.</b> {@link BulkWrites} reads the stored devices that hold any key of a
 * chunk of rows in one statement ({@link #keyHolders}), decides the rows in Java, then inserts the new
 * devices with their events ({@link #insertAll}) and updates the changed ones ({@link #updateAll}) in
 * batches. The key lists travel as SQL arrays.
 *
 * <p>To add a statement: its SQL as a field built in the constructor (here if both dialects say it
 * alike, else in each dialect), a method that binds, runs and maps it, and a call from the store.
 */
abstract class Statements {

    /** The device columns, in the order {@link Rows#device} reads them. */
    static final String DEVICE_COLUMNS = "id, type, uuid, serial_number, mac, status, name, version,"
            + " created_at, last_updated_at, online, revision, holder, reserved_at, expires_at, account";

    /** The event columns, in the order {@link Rows#EVENT} reads them. */
    static final String EVENT_COLUMNS = "sequence_number, device_id, operation, from_status, to_status, occurred_at,"
            + " holder, account, actor, reason, idempotency_key";

    /** The status a read at {@code :now} reports: a hold that ran out reads as available. */
    static final String READ_STATUS = "CASE WHEN status = 'RESERVED' AND expires_at <= :now THEN 'AVAILABLE'"
            + " ELSE status END";

    /** Sends a schema script's statement as it is written: no parameters to find in it. */
    private static final SqlParser AS_WRITTEN = new SqlParser() {
        @Override
        public ParsedSql parse(String sql, StatementContext ctx) {
            return ParsedSql.builder().append(sql).build();
        }

        @Override
        public String nameParameter(String rawName, StatementContext ctx) {
            return rawName;
        }
    };

    /** How a {@link DeviceRef} selects its device: the condition, with named parameters. */
    enum KeyShape {
        ID("id = :key_id"),
        UUID("uuid = :key_uuid"),
        TYPE_MAC("type = :key_type AND mac = :key_mac"),
        TYPE_SERIAL("type = :key_type AND serial_number = :key_serial"),
        TYPE_MAC_SERIAL("type = :key_type AND mac = :key_mac AND serial_number = :key_serial");

        final String condition;

        KeyShape(String condition) {
            this.condition = condition;
        }

        static KeyShape of(DeviceRef ref) {
            if (ref instanceof DeviceRef.ById) {
                return ID;
            }
            if (ref instanceof DeviceRef.ByUuid) {
                return UUID;
            }
            DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
            if (identity.mac() == null) {
                return TYPE_SERIAL;
            }
            return identity.serialNumber() == null ? TYPE_MAC : TYPE_MAC_SERIAL;
        }
    }

    /** A device whose row this transaction locked, with the sequence of its latest event (0 where the dialect keeps none). */
    record Locked(Device device, long lastEventSequence) {
    }

    protected final Tables tables;
    private final Map<KeyShape, String> find = new EnumMap<>(KeyShape.class);
    private final Map<KeyShape, String> lock = new EnumMap<>(KeyShape.class);
    private final String store;
    private final String append;
    private final String history;
    private final String accountEvents;
    private final String schemaVersions;
    private final String updateAttributes;
    /** Attribute updates by key shape and the fields they set (see {@link #update}), made on first use. */
    private final Map<Integer, String> updates = new ConcurrentHashMap<>();
    private final KeyStatements keys;

    protected Statements(Tables tables) {
        this.tables = tables;
        for (KeyShape shape : KeyShape.values()) {
            find.put(shape, "SELECT " + DEVICE_COLUMNS + " FROM " + tables.devices() + " WHERE " + shape.condition);
            lock.put(shape, "SELECT " + DEVICE_COLUMNS + ", " + lastEventSequence() + " FROM " + tables.devices()
                    + " WHERE " + shape.condition + " FOR UPDATE");
        }
        store = "UPDATE " + tables.devices() + " SET status = :status, revision = :revision, last_updated_at = :at,"
                + " holder = :holder, reserved_at = :reserved_at, expires_at = :expires_at, account = :account"
                + storedSequence() + " WHERE id = :id";
        append = "INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ") VALUES (:sequence_number, :device_id,"
                + " :operation, :from_status, :to_status, :occurred_at, :holder, :account, :actor, :reason,"
                + " :idempotency_key)";
        history = "SELECT " + EVENT_COLUMNS + " FROM " + tables.events() + " WHERE device_id = :device_id"
                + " ORDER BY sequence_number";
        accountEvents = "SELECT " + EVENT_COLUMNS + " FROM " + tables.events() + " WHERE account = :account"
                + " AND operation IN ('ACTIVATE', 'DEACTIVATE') AND occurred_at < :to ORDER BY device_id, sequence_number";
        schemaVersions = "SELECT version FROM " + tables.schemaVersion() + " ORDER BY version";
        updateAttributes = "UPDATE " + tables.devices() + " SET name = :name, version = :version, online = :online,"
                + " revision = :revision, last_updated_at = :at WHERE id = :id AND revision = :expected_revision";
        keys = new KeyStatements(tables);
    }

    static Statements of(Dialect dialect, Tables tables) {
        return dialect == Dialect.POSTGRESQL ? new PostgresStatements(tables) : new H2Statements(tables);
    }

    abstract Dialect dialect();

    /**
     * Registers a device with its REGISTER event; empty when a unique index already holds one of its
     * keys. {@code ordinal} tells registrations of one transaction apart (0, 1, 2, ...), where the
     * dialect numbers a transaction's events itself.
     */
    abstract Write<Device> insert(NewDevice device, WriteContext context, int ordinal);

    /**
     * The transition as one statement, when the dialect can write it so; null when it cannot, and the
     * store then writes it locked ({@link LockedWrites}). Empty when the condition did not hold.
     */
    abstract @Nullable Write<Device> transition(DeviceRef ref, Transition transition, WriteContext context);

    /**
     * The SQL of {@link #keyHolders}: the devices whose uuid is in {@code :uuids}, whose type and mac
     * are a pair of {@code :mac_types} and {@code :macs}, or whose type and serial number are a pair of
     * {@code :serial_types} and {@code :serials} (arrays), each found by its unique index; a device may
     * be listed more than once.
     */
    abstract String keyHoldersSql();

    /**
     * Inserts {@code devices} (each as a bulk registration leaves it, with id 0) in order, each with its
     * REGISTER event at its creation time, under the ids the database assigns in that order. A device
     * whose key is taken, by a stored device or by one inserted before it in the list: where the
     * dialect {@link #insertsSkippingTakenKeys() skips it}, its id is 0 and the rest go on; elsewhere
     * nothing is answered, and the transaction must be rolled back.
     *
     * @return the ids in order (0 for a device skipped), or empty if a taken key stopped the insert
     */
    abstract Optional<long[]> insertAll(Handle handle, List<Device> devices, WriteContext context);

    /** Whether {@link #insertAll} skips a device whose key is taken, as registering it alone would refuse it. */
    abstract boolean insertsSkippingTakenKeys();

    /** The events after {@code afterSequence} that no later write can precede, in sequence order. */
    abstract List<DeviceEvent> events(Handle handle, long afterSequence, int limit);

    /** Ends up to {@code limit} holds that ran out by the context's time, earliest expiry first; the devices after. */
    abstract List<Device> expire(Handle handle, int limit, WriteContext context);

    /** Whether the table exists in the connection's current schema. */
    abstract boolean tableExists(Handle handle, String table);

    /** Runs {@code work} while no other store creates or migrates a devreg schema on this database. */
    abstract <T> T underSchemaLock(Handle handle, Work<T> work) throws java.sql.SQLException;

    /** {@code dml}, a data change, as a query of the rows it left, with {@code columns}. */
    abstract String returning(String dml, String columns);

    /** The column (or constant) a {@link #lock} reads as the device's latest event sequence. */
    abstract String lastEventSequence();

    /** What {@link #store} also sets, after the device's state: {@code ", column = :last_sequence"}, or nothing. */
    abstract String storedSequence();

    /**
     * The first of {@code count} sequences for the events of a write on {@code locked} (a locked
     * device, or null for a new one), in this transaction; empty when a transaction that began later
     * has written the device already, and the write must run again in a new transaction.
     */
    abstract OptionalLong firstSequence(Handle handle, int count, @Nullable Locked locked);

    /** Records {@code key} for this transaction's write, unless it is recorded (or being recorded) already. */
    abstract boolean claimKey(Handle handle, KeyStatements keys, String key, String fingerprint, Instant at);

    /** The SQL that deletes up to {@code :limit} keys recorded before {@code :before}. */
    abstract String purgeKeysSql();

    /** The idempotency keys' statements. */
    final KeyStatements keys() {
        return keys;
    }

    /** Applies the update to the device {@code ref} names, if its expected revision (when set) is the current one. */
    final Write<Device> update(DeviceRef ref, DeviceUpdate update, Instant at) {
        KeyShape shape = KeyShape.of(ref);
        int fields = (update.setsName() ? 1 : 0) | (update.setsVersion() ? 2 : 0) | (update.online().isPresent() ? 4 : 0)
                | (update.expectedRevision().isPresent() ? 8 : 0);
        String sql = updates.computeIfAbsent(shape.ordinal() << 4 | fields, key -> updateSql(shape, update));
        return Write.oneStatement(handle -> {
            Query query = Parameters.key(handle.createQuery(sql), ref).bind("at", Rows.timestamp(at));
            if (update.setsName()) {
                query.bind("name", Rows.text(update.name()));
            }
            if (update.setsVersion()) {
                query.bind("version", Rows.text(update.version()));
            }
            update.online().ifPresent(online -> query.bind("online", online.booleanValue()));
            update.expectedRevision().ifPresent(revision -> query.bind("expected_revision", revision));
            return query.scanResultSet(Rows.FIRST_DEVICE);
        });
    }

    private String updateSql(KeyShape shape, DeviceUpdate update) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(tables.devices()).append(" SET ");
        if (update.setsName()) {
            sql.append("name = :name, ");
        }
        if (update.setsVersion()) {
            sql.append("version = :version, ");
        }
        if (update.online().isPresent()) {
            sql.append("online = :online, ");
        }
        sql.append("revision = revision + 1, last_updated_at = :at WHERE ").append(shape.condition);
        if (update.expectedRevision().isPresent()) {
            sql.append(" AND revision = :expected_revision");
        }
        return returning(sql.toString(), DEVICE_COLUMNS);
    }

    /** The device {@code ref} names. */
    final Optional<Device> find(Handle handle, DeviceRef ref) {
        return Parameters.key(handle.createQuery(find.get(KeyShape.of(ref))), ref).scanResultSet(Rows.FIRST_DEVICE);
    }

    /** The device {@code ref} names, its row locked until this transaction ends. */
    final Optional<Locked> lock(Handle handle, DeviceRef ref) {
        return Parameters.key(handle.createQuery(lock.get(KeyShape.of(ref))), ref).scanResultSet((results, ctx) -> {
            java.sql.ResultSet rs = results.get();
            return rs.next() ? Optional.of(new Locked(Rows.device(rs, 0), rs.getLong(17))) : Optional.empty();
        });
    }

    /** Writes {@code next}'s changeable state over its locked row; {@code lastSequence} is its latest event's. */
    final void store(Handle handle, Device next, long lastSequence) {
        org.jdbi.v3.core.statement.Update update = Parameters.state(handle.createUpdate(store), next);
        if (!storedSequence().isEmpty()) {
            update.bind("last_sequence", Rows.number(lastSequence));
        }
        update.execute();
    }

    /** Inserts {@code events}, numbered as they are. */
    final void append(Handle handle, List<DeviceEvent> events) {
        if (events.size() == 1) {
            Parameters.event(handle.createUpdate(append), events.get(0)).execute();
            return;
        }
        PreparedBatch batch = handle.prepareBatch(append);
        for (DeviceEvent event : events) {
            Parameters.event(batch, event).add();
        }
        batch.execute();
    }

    /** The stored devices that hold a key of {@code rows}: a uuid given, a {@code (type, mac)}, a {@code (type, serial)}. */
    final List<Device> keyHolders(Handle handle, List<NewDevice> rows) {
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
        handle.createQuery(keyHoldersSql())
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
    final boolean updateAll(Handle handle, List<ImportPlan.Update> updates) {
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

    /** The devices matching {@code query} as read at {@code now}, after its cursor, in id order, at most {@code max}. */
    final List<Device> list(Handle handle, DeviceQuery query, int max, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT " + DEVICE_COLUMNS + " FROM " + tables.devices() + " WHERE id > :after_id");
        query.type().ifPresent(type -> sql.append(" AND type = :type"));
        List<DeviceStatus> statuses = List.copyOf(query.statuses());
        if (!statuses.isEmpty()) {
            sql.append(" AND ").append(READ_STATUS).append(" IN (")
                    .append(Parameters.list(Parameters.STATUS, statuses.size())).append(')');
        }
        query.online().ifPresent(online -> sql.append(" AND online = :online"));
        sql.append(" ORDER BY id LIMIT :max");
        Query statement = handle.createQuery(sql.toString()).bind("after_id", query.afterId()).bind("max", max);
        query.type().ifPresent(type -> statement.bind("type", type));
        if (!statuses.isEmpty()) {
            Parameters.statuses(statement, Parameters.STATUS, statuses).bind("now", Rows.timestamp(now));
        }
        query.online().ifPresent(online -> statement.bind("online", online.booleanValue()));
        return statement.map(Rows.DEVICE).list();
    }

    /** Every event of the device, oldest first. */
    final List<DeviceEvent> history(Handle handle, long deviceId) {
        return handle.createQuery(history).bind("device_id", deviceId).map(Rows.EVENT).list();
    }

    /** The ACTIVATE and DEACTIVATE events on {@code account} before {@code to}, by device then sequence. */
    final List<DeviceEvent> accountEvents(Handle handle, String account, Instant to) {
        return handle.createQuery(accountEvents).bind("account", Rows.text(account)).bind("to", Rows.timestamp(to))
                .map(Rows.EVENT).list();
    }

    /** The versions in the schema-version table, which must exist. */
    final SortedSet<Integer> schemaVersions(Handle handle) {
        return new TreeSet<>(handle.createQuery(schemaVersions).mapTo(Integer.class).list());
    }

    /** The device columns, each with {@code alias}: {@code d.id, d.type, ...}. */
    static String prefixed(String alias) {
        return alias + DEVICE_COLUMNS.replace(", ", ", " + alias);
    }

    /** Runs one statement of a schema script, as written. */
    final void executeScriptStatement(Handle handle, String sql) {
        handle.createUpdate(sql).configure(SqlStatements.class,
                config -> config.setSqlParser(AS_WRITTEN)).execute();
    }
}
