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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * Every SQL statement of one dialect, and how each is bound, run and read, on a Jdbi {@link Handle}
 * that {@link TransactionRunner} provides. One object per store, made by {@link #of} when the store
 * is built: the table names are in the SQL text from then on, so no statement is ever rendered again,
 * and nothing else in the store knows which database it talks to. This class holds what both dialects
 * say alike (with {@link KeyStatements} and {@link SchemaStatements}); {@link H2Statements} and
 * {@link PostgresStatements} what they say differently. A statement that selects a device by a
 * {@link DeviceRef} takes the condition of the reference's {@link KeyShape}, its SQL made once per
 * shape; values are bound as named parameters ({@link Parameters}).
 *
 * <p><b>Locked writes.</b> A write may lock the device's row ({@link #lock}), let core's
 * {@link Transition} decide in Java, and write the state and events it decided ({@link #store},
 * {@link #append}) under sequences the dialect hands out ({@link #firstSequence}): see {@link LockedWrites}.
 *
 * <p><b>Bulk registration.</b> Its statements are in {@link BulkStatements}, which each dialect
 * builds with its own key lookup and insert ({@link #bulk}).
 *
 * <p>To add a statement: its SQL as a field built in the constructor (here, or in each dialect), a
 * method that binds, runs and maps it, and a call from the store.
 */
abstract class Statements {

    /** The device columns, in the order {@link Rows#device} reads them. */
    static final String DEVICE_COLUMNS = "id, type, uuid, serial_number, mac, status, name, version,"
            + " created_at, last_updated_at, online, revision, holder, reserved_at, expires_at, account";

    /** The event columns, in the order {@link Rows#EVENT} reads them. */
    static final String EVENT_COLUMNS = "sequence_number, device_id, operation, from_status, to_status, occurred_at,"
            + " holder, account, actor, reason, idempotency_key";

    /** The device columns of a table aliased {@code d}: {@code d.id, d.type, ...}. */
    static final String ALIASED_DEVICE_COLUMNS = "d." + DEVICE_COLUMNS.replace(", ", ", d.");

    /** The status a read at {@code :now} reports: a hold that ran out reads as available. */
    static final String READ_STATUS = "CASE WHEN status = 'RESERVED' AND expires_at <= :now THEN 'AVAILABLE'"
            + " ELSE status END";

    /** A device whose row this transaction locked, with the sequence of its latest event (0 where the dialect keeps none). */
    record Locked(Device device, long lastEventSequence) {
    }

    protected final Tables tables;
    private final String feed;
    private final Map<KeyShape, String> find = new EnumMap<>(KeyShape.class);
    private final Map<KeyShape, String> lock = new EnumMap<>(KeyShape.class);
    private final String store;
    private final String append;
    private final String history;
    private final String accountEvents;
    /** Attribute updates by key shape and the fields they set (see {@link #update}), made on first use. */
    private final Map<Integer, String> updates = new ConcurrentHashMap<>();
    private final KeyStatements keys;
    private final SchemaStatements schema;

    /**
     * @param feed      the dialect's feed: the events after {@code :after} that no later write can
     *                  precede, in sequence order, at most {@code :limit}
     * @param purgeKeys the dialect's deletion of up to {@code :limit} keys recorded before {@code :before}
     */
    protected Statements(Tables tables, String feed, String purgeKeys) {
        this.tables = tables;
        this.feed = feed;
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
        keys = new KeyStatements(tables, purgeKeys);
        schema = new SchemaStatements(tables);
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
     * store then writes it locked ({@link LockedWrites}). Empty when the condition did not hold. Under
     * an idempotency key the statement also records the key ({@link KeyStatements#recordFrom}).
     */
    abstract @Nullable Write<Device> transition(DeviceRef ref, Transition transition, WriteContext context);

    /** The statements of bulk registration ({@link BulkWrites}). */
    abstract BulkStatements bulk();

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

    /** A query of one value: the sequence of the newest event {@link #events} can return now, 0 when none. */
    abstract String latestFeedSequence();

    /** The idempotency keys' statements. */
    final KeyStatements keys() {
        return keys;
    }

    /** The schema's statements. */
    final SchemaStatements schema() {
        return schema;
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

    /** The events after {@code afterSequence} that no later write can precede, in sequence order. */
    final List<DeviceEvent> events(Handle handle, long afterSequence, int limit) {
        return handle.createQuery(feed).bind("after", afterSequence).bind("limit", limit).map(Rows.EVENT).list();
    }

}
