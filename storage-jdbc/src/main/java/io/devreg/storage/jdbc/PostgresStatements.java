package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.storage.jdbc.TransactionRunner.Work;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's statements. A registration and a transition are one statement each, so one round trip
 * on an auto-commit connection: data-modifying CTEs chain the change and its events. Under READ
 * COMMITTED a writer that waited for a row lock re-checks its condition on the row's newest version,
 * so of N racing writers with the same condition exactly one applies.
 *
 * <p><b>Sequences.</b> An event's sequence is the writing transaction's id ({@code pg_current_xact_id()})
 * times {@value #EVENTS_PER_TRANSACTION}, plus the event's position among that transaction's events
 * (a transition over an expired hold writes two, a sweep or an import many). The device row keeps the
 * sequence of its latest event, and a write applies only above it. A transaction's id is assigned when
 * it first needs one, which may be a moment before a concurrent writer of the same device, whose id is
 * then larger, commits ahead of it; the condition then fails, the store reads the device, finds the
 * write still allowed and runs it again in a new transaction, whose id is larger. So a device's events
 * are always in sequence order, and {@link #events} returns only events of transactions older than
 * every transaction still running on the server ({@code pg_snapshot_xmin}), below which no event can
 * appear any more. Transaction ids ({@code xid8}) stay far below 2<sup>47</sup> for the life of a
 * server, so the product fits a {@code BIGINT}; the sequences of a database written by schema version
 * 1 (the bare transaction id) all lie below those written since.
 *
 * <p><b>Transitions.</b> The device is locked first ({@code target}: {@code FOR UPDATE} with the
 * condition as a read at the write's time reports the device), so every expression after it works
 * on the newest version of the row; a refusal locks nothing and takes no transaction id. The new hold,
 * account and events follow the rules {@link Transition} states, written here as SQL.
 *
 * <p><b>Bulk registration</b>: see {@link PostgresBulkInsert}.
 */
final class PostgresStatements extends Statements {

    /**
     * The key of the transaction-scoped advisory lock ({@code pg_advisory_xact_lock}) under which a
     * store creates or migrates its schema: "devreg" in ASCII, then 1. One key for every devreg store
     * on the server, whatever its table prefix, so instances starting at once migrate one at a time
     * (the others wait, then find nothing to do). An application that takes advisory locks of its own
     * must not use this key.
     */
    static final long SCHEMA_LOCK_KEY = 0x6465_7672_6567_0001L;

    /** How many events one transaction may write: the sequences between two transaction ids. */
    static final long EVENTS_PER_TRANSACTION = 65_536;

    /** The first sequence of the writing transaction's events. */
    static final String SEQUENCE = "(pg_current_xact_id()::text::bigint * " + EVENTS_PER_TRANSACTION + ")";

    /** The oldest sequence a transaction still running could write: the feed's horizon. */
    private static final String HORIZON = "(SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint * "
            + EVENTS_PER_TRANSACTION + ")";

    /** What a transition's SQL depends on besides its key: the statuses, and the conditions and effects it has. */
    private record Shape(KeyShape key, int from, boolean holder, boolean since, boolean reserves, boolean onAccount,
            boolean keyed) {
    }

    private final String insert;
    private final BulkStatements bulk;
    private final Map<Shape, String> transitions = new ConcurrentHashMap<>();
    private final String expire;
    private final String firstSequence;
    private final String latestFeedSequence;

    PostgresStatements(Tables tables) {
        super(tables, "SELECT " + EVENT_COLUMNS + " FROM " + tables.events() + " WHERE sequence_number > :after"
                + " AND sequence_number < " + HORIZON + " ORDER BY sequence_number LIMIT :limit",
                "DELETE FROM " + tables.idempotencyKeys() + " WHERE idempotency_key IN (SELECT idempotency_key FROM "
                + tables.idempotencyKeys() + " WHERE recorded_at < :before ORDER BY recorded_at LIMIT :limit"
                + " FOR UPDATE SKIP LOCKED)"); // many instances purge at once: none waits for another's rows
        insert = "WITH inserted AS (INSERT INTO " + tables.devices() + " (type, uuid, serial_number, mac, status, name,"
                + " version, created_at, last_updated_at, online, revision, last_event_sequence)"
                + " VALUES (:type, :uuid, :serial_number, :mac, :status, :name, :version, :at, :at, :online, 1, "
                + SEQUENCE + " + :ordinal)"
                + " ON CONFLICT DO NOTHING" // a unique index holds one of its keys: nothing is written
                + " RETURNING id, last_event_sequence, created_at"
                + "), event AS (INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ")"
                + " SELECT last_event_sequence, id, 'REGISTER', NULL, 'INITIALIZING', created_at, NULL, NULL,"
                + " :actor, :reason, :idempotency_key FROM inserted"
                + ") SELECT id FROM inserted";
        bulk = new BulkStatements(tables, PostgresBulkInsert.keyHolders(tables),
                PostgresBulkInsert.stoppingAtTakenKeys(tables), PostgresBulkInsert.skippingTakenKeys(tables));
        expire = "WITH due AS (SELECT id, holder, expires_at FROM " + tables.devices()
                + " WHERE status = 'RESERVED' AND expires_at <= :at ORDER BY expires_at, id LIMIT :limit"
                + " FOR UPDATE SKIP LOCKED" // many instances sweep at once: none waits for another's rows
                + "), numbered AS (SELECT id, holder, row_number() OVER (ORDER BY expires_at, id) - 1 AS n FROM due"
                + "), changed AS (UPDATE " + tables.devices() + " d SET status = 'AVAILABLE', revision = d.revision + 1,"
                + " last_updated_at = :at, holder = NULL, reserved_at = NULL, expires_at = NULL, account = NULL,"
                + " last_event_sequence = " + SEQUENCE + " + numbered.n"
                + " FROM numbered WHERE d.id = numbered.id AND CASE WHEN numbered.id IS NOT NULL"
                + " THEN d.last_event_sequence < " + SEQUENCE + " ELSE FALSE END"
                + " RETURNING " + ALIASED_DEVICE_COLUMNS + ", numbered.holder AS old_holder, numbered.n"
                + "), event AS (INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ")"
                + " SELECT " + SEQUENCE + " + n, id, 'EXPIRE', 'RESERVED', 'AVAILABLE', last_updated_at, old_holder,"
                + " NULL, :actor, :reason, NULL FROM changed"
                + ") SELECT " + DEVICE_COLUMNS + " FROM changed ORDER BY n";
        firstSequence = "SELECT " + SEQUENCE;
        latestFeedSequence = "SELECT COALESCE(MAX(sequence_number), 0) FROM " + tables.events()
                + " WHERE sequence_number < " + HORIZON;
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    BulkStatements bulk() {
        return bulk;
    }

    @Override
    String latestFeedSequence() {
        return latestFeedSequence;
    }

    @Override
    String returning(String dml, String columns) {
        return dml + " RETURNING " + columns;
    }

    @Override
    String lastEventSequence() {
        return "last_event_sequence";
    }

    @Override
    String storedSequence() {
        return ", last_event_sequence = :last_sequence";
    }

    @Override
    Write<Device> insert(NewDevice device, WriteContext context, int ordinal) {
        return Write.oneStatement(handle -> Parameters.registration(handle.createQuery(insert), device, context)
                .bind("ordinal", ordinal)
                .mapTo(Long.class)
                .findOne()
                .map(id -> device.toDevice(id, Rows.stored(context.at()))));
    }

    @Override
    Write<Device> transition(DeviceRef ref, Transition transition, WriteContext context) {
        boolean reservedFrom = transition.from().contains(DeviceStatus.RESERVED);
        Shape shape = new Shape(KeyShape.of(ref), transition.from().size(), reservedFrom && transition.holder() != null,
                reservedFrom && transition.reservedSince() != null, transition.to() == DeviceStatus.RESERVED,
                transition.to().isOnAccount(), context.keyed());
        String sql = transitions.computeIfAbsent(shape, this::transitionSql);
        return Write.oneStatement(handle -> {
            Query statement = Parameters.key(handle.createQuery(sql), ref)
                    .bind("at", Rows.timestamp(context.at()))
                    .bind("to", Rows.text(transition.to().name()))
                    .bind("operation", Rows.text(transition.operation().name()));
            Parameters.statuses(statement, Parameters.FROM, transition.from());
            if (shape.holder() || shape.reserves()) {
                statement.bind("holder", Rows.text(transition.holder()));
            }
            if (shape.since()) {
                statement.bind("since", Rows.nullableTimestamp(transition.reservedSince()));
            }
            if (shape.reserves()) {
                statement.bind("expires_at", Rows.nullableTimestamp(transition.expiresAt()));
            }
            if (shape.onAccount()) {
                statement.bind("account", Rows.text(transition.account()));
            }
            if (shape.keyed()) {
                KeyStatements.bindRecord(statement, Objects.requireNonNull(context.fingerprint()), context.at());
            }
            return Parameters.context(statement, context).scanResultSet(Rows.FIRST_DEVICE);
        });
    }

    private String transitionSql(Shape shape) {
        String expired = "status = 'RESERVED' AND expires_at <= :at";
        String active = "(status <> 'RESERVED' OR expires_at <= :at OR ";
        return "WITH target AS (SELECT id, revision, holder, reserved_at, account, COALESCE(" + expired + ", FALSE)"
                + " AS expired, CASE WHEN " + expired + " THEN 'AVAILABLE' ELSE status END AS read_status"
                + " FROM " + tables.devices() + " WHERE " + shape.key().condition
                + " AND CASE WHEN " + expired + " THEN 'AVAILABLE' ELSE status END IN ("
                + Parameters.list(Parameters.FROM, shape.from()) + ")"
                + (shape.holder() ? " AND " + active + "holder = :holder)" : "")
                + (shape.since() ? " AND " + active + "reserved_at >= :since)" : "")
                + " FOR UPDATE"
                + "), changed AS (UPDATE " + tables.devices() + " d SET status = :to,"
                + " revision = t.revision + CASE WHEN t.expired THEN 2 ELSE 1 END, last_updated_at = :at,"
                + (shape.reserves()
                        ? " holder = CASE WHEN t.read_status = 'RESERVED' THEN t.holder ELSE :holder END,"
                        + " reserved_at = CASE WHEN t.read_status = 'RESERVED' THEN t.reserved_at ELSE :at END,"
                        + " expires_at = :expires_at,"
                        : " holder = NULL, reserved_at = NULL, expires_at = NULL,")
                + (shape.onAccount()
                        ? " account = CASE WHEN t.read_status IN ('ACTIVATED', 'DEACTIVATING') THEN t.account"
                        + " ELSE :account END,"
                        : " account = NULL,")
                + " last_event_sequence = " + SEQUENCE + " + CASE WHEN t.expired THEN 1 ELSE 0 END"
                // CASE, so the sequence (which takes a transaction id) is asked for only on the device locked
                + " FROM target t WHERE d.id = t.id AND CASE WHEN t.id IS NOT NULL THEN d.last_event_sequence < "
                + SEQUENCE + " ELSE FALSE END"
                + " RETURNING " + ALIASED_DEVICE_COLUMNS + ", t.expired, t.read_status, t.holder AS old_holder,"
                + " t.account AS old_account"
                + "), event AS (INSERT INTO " + tables.events() + " (" + EVENT_COLUMNS + ")"
                + " SELECT " + SEQUENCE + ", id, 'EXPIRE', 'RESERVED', 'AVAILABLE', last_updated_at, old_holder, NULL,"
                + " :actor, :reason, :idempotency_key FROM changed WHERE expired"
                + " UNION ALL SELECT " + SEQUENCE + " + CASE WHEN expired THEN 1 ELSE 0 END, id, :operation,"
                + " read_status, status, last_updated_at,"
                + " CASE WHEN read_status = 'RESERVED' THEN old_holder ELSE holder END, COALESCE(account, old_account),"
                + " :actor, :reason, :idempotency_key FROM changed"
                + (shape.keyed() ? "), recorded AS (" + keys().recordFrom("changed") : "")
                + ") SELECT " + DEVICE_COLUMNS + " FROM changed";
    }

    @Override
    OptionalLong firstSequence(Handle handle, int count, @Nullable Locked locked) {
        long first = handle.createQuery(firstSequence).mapTo(Long.class).one();
        return locked != null && locked.lastEventSequence() >= first ? OptionalLong.empty() : OptionalLong.of(first);
    }

    @Override
    List<Device> expire(Handle handle, int limit, WriteContext context) {
        return Parameters.context(handle.createQuery(expire), context)
                .bind("at", Rows.timestamp(context.at())).bind("limit", limit)
                .map(Rows.DEVICE).list();
    }

    @Override
    boolean tableExists(Handle handle, String table) {
        return handle.createQuery("SELECT to_regclass(:table) IS NOT NULL").bind("table", table)
                .mapTo(Boolean.class).one();
    }

    /** Takes the advisory lock until the end of the migration's transaction (PostgreSQL runs DDL in it). */
    @Override
    <T> T underSchemaLock(Handle handle, Work<T> work) throws SQLException {
        handle.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", SCHEMA_LOCK_KEY)
                .mapTo(String.class).one(); // void, read as text
        return work.on(handle);
    }
}
