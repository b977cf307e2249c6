package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.Transition;
import io.devreg.storage.jdbc.TransactionRunner.Work;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Every SQL statement of one dialect, and how each is bound, run and read, on a Jdbi {@link Handle}
 * that {@link TransactionRunner} provides. One object per store, made by {@link #of} when the store
 * is built: the table names are in the SQL text from then on, so no statement is ever rendered
 * again, and nothing else in the store knows which database it talks to. This class holds what both
 * dialects say alike; {@link H2Statements} and {@link PostgresStatements} what they say differently.
 *
 * <p>A statement that selects a device by a {@link DeviceRef} takes the condition of the
 * reference's {@link KeyShape}, so each shape has its own SQL text, made once; its values are bound
 * as {@code :key_*} parameters. Statuses are bound one parameter each ({@code :from0, :from1, ...}).
 *
 * <p>To add a statement: its SQL as a field built in the constructor (here if both dialects say it
 * alike, else in each dialect), a method that binds, runs and maps it, and a call from
 * {@link JdbcDeviceStore}. A write of the store is a {@link Write}: its work on the handle, and
 * whether it is one statement (then an auto-commit connection runs it without an explicit
 * transaction, in one round trip).
 */
abstract class Statements {

    /** The device columns, in the order {@link Rows#DEVICE} reads them. */
    static final String DEVICE_COLUMNS = "id, type, uuid, serial_number, mac, status, name, version,"
            + " created_at, last_updated_at, online, revision";

    /** The event columns, in the order {@link Rows#EVENT} reads them. */
    static final String EVENT_COLUMNS = "sequence_number, device_id, operation, from_status, to_status, occurred_at";

    /** The parameters of the statuses a transition may start from. */
    static final String[] FROM = statusParameters("from");

    private static final String[] STATUS = statusParameters("status");

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

    protected final Tables tables;
    private final Map<KeyShape, String> find = new EnumMap<>(KeyShape.class);
    private final String history;
    private final String schemaVersions;
    /** Attribute updates by key shape and the fields they set (see {@link #update}), made on first use. */
    private final Map<Integer, String> updates = new ConcurrentHashMap<>();

    protected Statements(Tables tables) {
        this.tables = tables;
        for (KeyShape shape : KeyShape.values()) {
            find.put(shape, "SELECT " + DEVICE_COLUMNS + " FROM " + tables.devices() + " WHERE " + shape.condition);
        }
        history = "SELECT " + EVENT_COLUMNS + " FROM " + tables.events() + " WHERE device_id = :device_id"
                + " ORDER BY sequence_number";
        schemaVersions = "SELECT version FROM " + tables.schemaVersion() + " ORDER BY version";
    }

    static Statements of(Dialect dialect, Tables tables) {
        return dialect == Dialect.POSTGRESQL ? new PostgresStatements(tables) : new H2Statements(tables);
    }

    abstract Dialect dialect();

    /** Registers a device with its REGISTER event; empty when a unique index already holds one of its keys. */
    abstract Write<Device> insert(NewDevice device, Instant at);

    /** Applies the transition to the device {@code ref} names, with its event, if its status is in the transition's from. */
    abstract Write<Device> transition(DeviceRef ref, Transition transition);

    /** The events after {@code afterSequence} that no later write can precede, in sequence order. */
    abstract List<DeviceEvent> events(Handle handle, long afterSequence, int limit);

    /** Whether the table exists in the connection's current schema. */
    abstract boolean tableExists(Handle handle, String table);

    /** Runs {@code work} while no other store creates or migrates a devreg schema on this database. */
    abstract <T> T underSchemaLock(Handle handle, Work<T> work) throws java.sql.SQLException;

    /** {@code dml}, a data change, as a query of the rows it left, with {@code columns}. */
    abstract String returning(String dml, String columns);

    /** Applies the update to the device {@code ref} names, if its expected revision (when set) is the current one. */
    final Write<Device> update(DeviceRef ref, DeviceUpdate update, Instant at) {
        KeyShape shape = KeyShape.of(ref);
        int fields = (update.setsName() ? 1 : 0) | (update.setsVersion() ? 2 : 0) | (update.online().isPresent() ? 4 : 0)
                | (update.expectedRevision().isPresent() ? 8 : 0);
        String sql = updates.computeIfAbsent(shape.ordinal() << 4 | fields, key -> updateSql(shape, update));
        return Write.oneStatement(handle -> {
            Query query = bindKey(handle.createQuery(sql), ref).bind("at", Rows.timestamp(at));
            if (update.setsName()) {
                query.bind("name", update.name());
            }
            if (update.setsVersion()) {
                query.bind("version", update.version());
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
        return bindKey(handle.createQuery(find.get(KeyShape.of(ref))), ref).scanResultSet(Rows.FIRST_DEVICE);
    }

    /** The devices matching {@code query} after its cursor, in id order, at most {@code max}. */
    final List<Device> list(Handle handle, DeviceQuery query, int max) {
        StringBuilder sql = new StringBuilder("SELECT " + DEVICE_COLUMNS + " FROM " + tables.devices() + " WHERE id > :after_id");
        query.type().ifPresent(type -> sql.append(" AND type = :type"));
        List<DeviceStatus> statuses = List.copyOf(query.statuses());
        if (!statuses.isEmpty()) {
            sql.append(" AND status IN (").append(parameters(STATUS, statuses.size())).append(')');
        }
        query.online().ifPresent(online -> sql.append(" AND online = :online"));
        sql.append(" ORDER BY id LIMIT :max");
        Query statement = handle.createQuery(sql.toString()).bind("after_id", query.afterId()).bind("max", max);
        query.type().ifPresent(type -> statement.bind("type", type));
        bindStatuses(statement, STATUS, statuses);
        query.online().ifPresent(online -> statement.bind("online", online.booleanValue()));
        return statement.map(Rows.DEVICE).list();
    }

    /** Every event of the device, oldest first. */
    final List<DeviceEvent> history(Handle handle, long deviceId) {
        return handle.createQuery(history).bind("device_id", deviceId).map(Rows.EVENT).list();
    }

    /** The versions in the schema-version table, which must exist. */
    final SortedSet<Integer> schemaVersions(Handle handle) {
        return new TreeSet<>(handle.createQuery(schemaVersions).mapTo(Integer.class).list());
    }

    /** Runs one statement of a schema script, as written. */
    final void executeScriptStatement(Handle handle, String sql) {
        handle.createUpdate(sql).configure(SqlStatements.class,
                config -> config.setSqlParser(AS_WRITTEN)).execute();
    }

    /** {@code statement}, a registration, with the new device's columns bound, as both dialects name them. */
    static Query bindRegistration(Query statement, NewDevice device, Instant at) {
        return statement.bind("type", device.type())
                .bind("uuid", device.uuid())
                .bind("serial_number", device.serialNumber())
                .bind("mac", device.mac())
                .bind("status", DeviceStatus.INITIALIZING.name())
                .bind("name", device.name())
                .bind("version", device.version())
                .bind("at", Rows.timestamp(at))
                .bind("online", device.online());
    }

    /** {@code statement} with the values of {@code ref}'s {@link KeyShape} condition bound. */
    static <S extends SqlStatement<S>> S bindKey(S statement, DeviceRef ref) {
        if (ref instanceof DeviceRef.ById byId) {
            return statement.bind("key_id", Rows.number(byId.id()));
        }
        if (ref instanceof DeviceRef.ByUuid byUuid) {
            return statement.bind("key_uuid", Rows.uuid(byUuid.uuid()));
        }
        DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
        statement.bind("key_type", Rows.text(identity.type()));
        if (identity.mac() != null) {
            statement.bind("key_mac", Rows.text(identity.mac()));
        }
        if (identity.serialNumber() != null) {
            statement.bind("key_serial", Rows.text(identity.serialNumber()));
        }
        return statement;
    }

    /** The names of {@code name0, name1, ...}: one parameter for each status of a list. */
    static String[] statusParameters(String name) {
        String[] names = new String[DeviceStatus.values().length];
        for (int i = 0; i < names.length; i++) {
            names[i] = name + i;
        }
        return names;
    }

    /** {@code :name0, :name1, ...}: the first {@code count} of {@code names}, as SQL parameters. */
    static String parameters(String[] names, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? ":" : ", :").append(names[i]);
        }
        return text.toString();
    }

    /** Binds the statuses as the parameters {@link #parameters} named, in iteration order. */
    static <S extends SqlStatement<S>> S bindStatuses(S statement, String[] names, Iterable<DeviceStatus> statuses) {
        int i = 0;
        for (DeviceStatus status : statuses) {
            statement.bind(names[i++], Rows.text(status.name()));
        }
        return statement;
    }
}
