package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteResult;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeviceStore} on a relational database: H2 (embedded, the default) or PostgreSQL (for
 * many application instances sharing one database).
 *
 * <h2>Writes</h2>
 * Every write is one atomic conditional statement, never read-check-write: on PostgreSQL one
 * statement (one round trip) whose data-modifying CTEs update the device only if its status is
 * allowed and insert the event; on H2 {@code SELECT ... FROM FINAL TABLE (UPDATE ...)} and the
 * event insert in one short transaction. Both lock the device's row; a writer that waited for the
 * lock re-checks the condition on the newest committed row, so of N racing writers exactly one
 * applies, in one JVM or many. Only a refused write costs a second statement: one read that tells
 * "not found" from "refused" and returns the current device. Uniqueness of uuid,
 * {@code (type, mac)} and {@code (type, serial_number)} is enforced by unique indexes; a
 * registration they reject is answered with the device that holds the key.
 *
 * <h2>The change feed: never a gap filled in behind a reader</h2>
 * A database sequence hands out numbers when a row is inserted, not when its transaction commits,
 * so a reader of {@code sequence > last} could read event 8 while event 7's transaction is still
 * open, and then never see 7. Neither dialect lets that happen, each in the way that suits it:
 * <ul>
 *   <li><b>PostgreSQL</b>: an event's sequence is the id of the transaction that wrote it
 *       ({@code pg_current_xact_id()}; every devreg write is one transaction with at most one
 *       event), and {@link #events} returns only events below the oldest transaction still
 *       running on the server ({@code pg_snapshot_xmin}). Every transaction below that has ended,
 *       and every new one gets a larger id, so nothing can appear below it later: a consumer that
 *       polls with the last sequence it saw receives every event exactly once. Writers share no
 *       row and commit concurrently. The price is on the reader's side: an event is delivered
 *       only once every transaction that began writing before it has ended, including
 *       transactions of other applications on the same server, so a long-running writing
 *       transaction there delays the feed (it never reorders or loses an event).
 *       {@link #history} reads a device's events directly and is not delayed. Sequences are
 *       increasing but not dense. Needs PostgreSQL 13 or later.</li>
 *   <li><b>H2</b>: event sequences come from a one-row counter table that every event-writing
 *       transaction increments, last thing before its commit. The increment locks the row until
 *       the transaction ends, so the next writer gets its number only after the previous one
 *       committed (or rolled back, when its number is reused): sequences are dense and assigned in
 *       commit order. The embedded store runs its writes one at a time anyway, so the counter
 *       costs it no concurrency.</li>
 * </ul>
 * Either way a device's events are in sequence order, and attribute updates append no event.
 *
 * <h2>Transactions</h2>
 * Each store operation is exactly one transaction of its own, committed before the method returns.
 * It never joins a caller's transaction, works with pools whose connections have auto-commit on or
 * off, and returns each connection as it found it. The store expects the databases' default READ
 * COMMITTED isolation. Every failure is a {@link StorageException}: a write that lost its
 * connection or failed in its commit says that its outcome is unknown; any other failed write did
 * not happen.
 *
 * <h2>Time</h2>
 * Instants are stored in {@code TIMESTAMP WITH TIME ZONE} columns as UTC offsets and read back as
 * such, exact to the microsecond whatever the JVM's or the database session's time zone.
 *
 * <h2>Caching</h2>
 * See {@link ReadCache}: exact for the embedded database (its only writer is this store), off by
 * default on a caller's DataSource, opt-in with bounded staleness there.
 */
public final class JdbcDeviceStore implements DeviceStore {

    /** The table prefix unless {@link Builder#tablePrefix(String)} sets another. */
    public static final String DEFAULT_TABLE_PREFIX = "devreg_";

    /** How many devices the embedded store's cache holds. */
    public static final long EMBEDDED_CACHE_DEVICES = 10_000;

    /** More attempts than any real interleaving needs; each retry follows a concurrent commit. */
    private static final int WRITE_ATTEMPTS = 10;

    private final Dialect dialect;
    private final Tables tables;
    private final Transactions transactions;
    private final DeviceWrites writes;
    private final @Nullable DeviceCache cache;
    private final ReadCache cacheSettings;
    private final @Nullable AutoCloseable owned;
    private volatile boolean closed;
    /** A lookup's SQL by its key's condition, built once: the driver finds its prepared statement by the text. */
    private final Map<String, String> readSql = new ConcurrentHashMap<>();
    /** The cache's loaders, made once rather than as lambdas on every cached lookup. */
    private final Function<DeviceRef, Optional<Device>> readByRef = this::read;
    private final LongFunction<Optional<Device>> readById = id -> read(DeviceRef.id(id));

    private JdbcDeviceStore(Dialect dialect, Tables tables, Transactions transactions, ReadCache cacheSettings,
            @Nullable AutoCloseable owned) {
        this.dialect = dialect;
        this.tables = tables;
        this.transactions = transactions;
        this.writes = dialect == Dialect.POSTGRESQL ? new PostgresWrites(transactions, tables) : new H2Writes(transactions, tables);
        this.cacheSettings = cacheSettings;
        this.cache = cacheSettings.enabled() ? new DeviceCache(cacheSettings) : null;
        this.owned = owned;
    }

    /**
     * The embedded default: an H2 database in {@code directory} (created if missing), its schema
     * created on first use, with an exact cache of {@value #EMBEDDED_CACHE_DEVICES} devices. One
     * process at a time: a second process, or a second store in this one, gets a
     * {@link StorageException}. Every operation that returned is written to the database file
     * before it returns (H2's {@code WRITE_DELAY=0}), and writes run one at a time, so the file
     * always holds every returned operation and a crash of the JVM (kill -9) loses at most the
     * one in flight. Reads run concurrently. {@link #close()} closes the database.
     *
     * @throws StorageException if H2 ({@code com.h2database:h2}) is not on the class path, or the
     *                          database cannot be opened
     */
    public static JdbcDeviceStore embedded(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Class.forName("org.h2.jdbcx.JdbcConnectionPool", false, JdbcDeviceStore.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new StorageException("JdbcDeviceStore.embedded needs the H2 database on the class path:"
                    + " add the dependency com.h2database:h2 (2.5.252 or later)", e);
        }
        EmbeddedDatabase database = EmbeddedDatabase.open(directory);
        try {
            return new Builder(database.dataSource())
                    .readCache(ReadCache.singleWriter(EMBEDDED_CACHE_DEVICES))
                    .build(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * A store on a DataSource of the caller's (a pool, usually) on H2 or PostgreSQL; the dialect
     * is detected from the connection. Closing the store never closes the DataSource.
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * The complete DDL of the current schema for {@code dialect}, with {@code tablePrefix}: for
     * Flyway, Liquibase or a DBA, together with {@link SchemaMode#VALIDATE} or {@link SchemaMode#NONE}.
     * It includes the schema-version table, which {@code VALIDATE} checks.
     *
     * @throws IllegalArgumentException if the prefix is not allowed (see {@link Builder#tablePrefix})
     */
    public static String schemaScript(Dialect dialect, String tablePrefix) {
        return new Schema(Objects.requireNonNull(dialect, "dialect"), new Tables(tablePrefix)).script();
    }

    /** The detected database. */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public WriteResult insert(NewDevice device, Instant at) {
        checkOpen();
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Optional<Device> inserted = writes.tryInsert(device, at);
            if (inserted.isPresent()) {
                return new WriteResult.Applied(inserted.get());
            }
            for (DeviceRef key : KeyClause.collisionsOf(device)) {
                Optional<Device> holder = read(key);
                if (holder.isPresent()) {
                    return new WriteResult.Refused(holder.get());
                }
            }
            // the colliding registration rolled back between our insert and our read: try again
        }
        throw new StorageException("Could not register " + device + ": it kept colliding with registrations"
                + " that did not commit");
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        checkOpen();
        return cache == null ? read(ref) : cache.find(ref, readByRef, readById);
    }

    @Override
    public WriteResult transition(DeviceRef ref, Transition transition) {
        checkOpen();
        KeyClause key = KeyClause.of(ref);
        return conditionally(ref, () -> writes.tryTransition(key, transition), transition::appliesTo);
    }

    @Override
    public WriteResult update(DeviceRef ref, DeviceUpdate update, Instant at) {
        checkOpen();
        KeyClause key = KeyClause.of(ref);
        return conditionally(ref, () -> writes.tryUpdate(key, update, at), update::appliesTo);
    }

    /**
     * Runs a conditional write; when it did not apply, reads the device once to tell "not found"
     * from "refused". Should that read find the condition true again (a concurrent write changed the
     * device in between), the write is tried again.
     */
    private WriteResult conditionally(DeviceRef ref, Supplier<Optional<Device>> write, Predicate<Device> applies) {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Optional<Device> written;
            try {
                written = write.get();
            } catch (StorageException e) {
                // The write may have committed before it failed (outcome unknown): a cached device
                // could now be older than the database, and an exact cache must never serve that.
                if (cache != null) {
                    cache.forgetAll();
                }
                throw e;
            }
            if (written.isPresent()) {
                if (cache != null) {
                    cache.written(written.get());
                }
                return new WriteResult.Applied(written.get());
            }
            Optional<Device> current = read(ref);
            if (current.isEmpty()) {
                return WriteResult.NOT_FOUND;
            }
            if (!applies.test(current.get())) {
                return new WriteResult.Refused(current.get());
            }
        }
        throw new StorageException("Could not change the device with " + ref + ": it changed concurrently "
                + WRITE_ATTEMPTS + " times in a row");
    }

    @Override
    public List<Device> list(DeviceQuery query, int max) {
        checkOpen();
        StringBuilder sql = new StringBuilder("SELECT " + Rows.DEVICE_COLUMNS + " FROM <devices> WHERE id > :after_id");
        query.type().ifPresent(type -> sql.append(" AND type = :type"));
        if (!query.statuses().isEmpty()) {
            sql.append(" AND status IN (<statuses>)");
        }
        query.online().ifPresent(online -> sql.append(" AND online = :online"));
        sql.append(" ORDER BY id LIMIT :max");
        return transactions.read(() -> "list devices with " + query, handle -> {
            Query statement = handle.createQuery(sql.toString()).bind("after_id", query.afterId()).bind("max", max);
            query.type().ifPresent(type -> statement.bind("type", type));
            if (!query.statuses().isEmpty()) {
                statement.bindList("statuses", query.statuses().stream().map(DeviceStatus::name).sorted().toList());
            }
            query.online().ifPresent(online -> statement.bind("online", online.booleanValue()));
            return statement.mapTo(Device.class).list();
        });
    }

    @Override
    public List<DeviceEvent> history(long deviceId) {
        checkOpen();
        return transactions.read(() -> "read the history of device " + deviceId,
                handle -> handle.attach(DeviceReads.class).history(deviceId));
    }

    @Override
    public List<DeviceEvent> events(long afterSequence, int limit) {
        checkOpen();
        return transactions.read(() -> "read the events after sequence " + afterSequence,
                handle -> dialect == Dialect.POSTGRESQL
                        ? handle.attach(DeviceReads.class).settledEvents(afterSequence, limit)
                        : handle.attach(DeviceReads.class).events(afterSequence, limit));
    }

    /** Closes the embedded database, if this store opened one; never a caller's DataSource. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owned != null) {
            try {
                try {
                    transactions.closeWriter(); // before the database: H2 closes its file with the last connection
                } finally {
                    owned.close();
                }
            } catch (StorageException e) {
                throw e;
            } catch (Exception e) {
                throw new StorageException("Could not close " + owned + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcDeviceStore[" + (owned != null ? owned : dialect) + ", tables " + tables.prefix() + "*, "
                + cacheSettings + (closed ? ", closed" : "") + ']';
    }

    /** The device {@code ref} names, read from the database in plain JDBC (every uncached lookup). */
    private Optional<Device> read(DeviceRef ref) {
        KeyClause key = KeyClause.of(ref);
        String sql = readSql.computeIfAbsent(key.positionalSql(),
                condition -> "SELECT " + Rows.DEVICE_COLUMNS + " FROM " + tables.devices() + " WHERE " + condition);
        return transactions.readStatement(() -> "find the device with " + ref, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                key.bindTo(statement, 1);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(Rows.device(rows, null)) : Optional.empty();
                }
            }
        });
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("This JdbcDeviceStore is closed");
        }
    }

    /** Configures a {@link JdbcDeviceStore} on a caller's DataSource. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private SchemaMode schemaMode = SchemaMode.CREATE;
        private ReadCache readCache = ReadCache.none();

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * The prefix of the store's table names ({@code <prefix>devices}, {@code <prefix>device_events},
         * {@code <prefix>event_counter} (H2 only), {@code <prefix>schema_version}); {@value JdbcDeviceStore#DEFAULT_TABLE_PREFIX}
         * unless set. Empty, or up to 30 characters: a lower-case letter, then lower-case letters,
         * digits or {@code _}. Lets several registries share one database schema.
         *
         * @throws IllegalArgumentException if the prefix breaks that rule
         */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = new Tables(Objects.requireNonNull(tablePrefix, "tablePrefix")).prefix();
            return this;
        }

        /** What to do about the schema at {@link #build()}; {@link SchemaMode#CREATE} unless set. */
        public Builder schemaMode(SchemaMode schemaMode) {
            this.schemaMode = Objects.requireNonNull(schemaMode, "schemaMode");
            return this;
        }

        /** The read cache; {@link ReadCache#none()} unless set. */
        public Builder readCache(ReadCache readCache) {
            this.readCache = Objects.requireNonNull(readCache, "readCache");
            return this;
        }

        /**
         * Connects once to detect the dialect and applies the {@link SchemaMode}.
         *
         * @throws StorageException if the database is unreachable or not supported, or the schema is
         *                          not what the mode requires
         */
        public JdbcDeviceStore build() {
            return build(null);
        }

        private JdbcDeviceStore build(@Nullable AutoCloseable owned) {
            Tables tables = new Tables(tablePrefix);
            Jdbi jdbi = Jdbi.create(dataSource);
            jdbi.installPlugin(new SqlObjectPlugin());
            // The store commits every transaction itself (see Transactions), including on pools
            // whose connections come with auto-commit off.
            jdbi.getConfig(Handles.class).setForceEndTransactions(false);
            Rows.registerIn(jdbi);
            tables.defineIn(jdbi);
            Transactions transactions = owned != null ? Transactions.serializingWrites(jdbi, dataSource) : Transactions.concurrent(jdbi, dataSource);
            String product = transactions.read(() -> "connect to the database",
                    handle -> handle.getConnection().getMetaData().getDatabaseProductName());
            Dialect dialect = Dialect.ofProductName(product).orElseThrow(() -> new StorageException(
                    "devreg's JdbcDeviceStore supports H2 and PostgreSQL, not " + product));
            if (dialect == Dialect.POSTGRESQL) {
                int major = transactions.read(() -> "read the database version",
                        handle -> handle.getConnection().getMetaData().getDatabaseMajorVersion());
                if (major < Dialect.POSTGRESQL_MINIMUM_VERSION) {
                    throw new StorageException("devreg's JdbcDeviceStore needs PostgreSQL "
                            + Dialect.POSTGRESQL_MINIMUM_VERSION + " or later (for pg_current_xact_id), not " + major);
                }
            }
            Schema schema = new Schema(dialect, tables);
            switch (schemaMode) {
                case CREATE -> transactions.write(() -> "create or migrate the devreg schema", handle -> {
                    schema.createOrMigrate(handle);
                    return null;
                });
                case VALIDATE -> transactions.read(() -> "validate the devreg schema", handle -> {
                    schema.validate(handle);
                    return null;
                });
                case NONE -> {
                }
            }
            return new JdbcDeviceStore(dialect, tables, transactions, readCache, owned);
        }
    }
}
