package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowResult;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import io.devreg.spi.EventQuery;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeviceStore} on a relational database: H2 (embedded, the default) or PostgreSQL (for
 * many application instances sharing one database).
 *
 * <h2>Writes</h2>
 * Every write is one atomic conditional step, never read-check-write. On PostgreSQL a registration or
 * a transition is one statement: data-modifying CTEs lock the device only if a read at the write's
 * time would find it in an allowed status (a hold that ran out counts as available) and held by the
 * right holder, then change it and insert its events (the hold's EXPIRE first, when it ran out). On
 * H2, and for any write under an idempotency key, the device's row is read {@code FOR UPDATE}, core's
 * {@link io.devreg.spi.Transition} decides, and the state and events follow in the same transaction
 * ({@code LockedWrites}). Either way the device's row is locked, and a writer that waited for the lock
 * decides on the newest committed row, so of N racing writers exactly one applies, in one JVM or many.
 * A refused write costs one more read, which tells "not found" from "refused" (should it find the
 * write allowed again, a concurrent write changed the device in between, and the write runs again).
 * Unique indexes enforce the uniqueness of uuid, {@code (type, mac)} and {@code (type, serial_number)};
 * a registration they reject is answered with the device holding the key. A write under an
 * idempotency key first claims the key's row in its transaction (a concurrent write with the same key
 * waits on it), and completes it with the device it returns, or takes it back if it was refused.
 * {@link #expireHolds} ends holds that ran out in one statement on PostgreSQL, with
 * {@code FOR UPDATE SKIP LOCKED}, so many instances sweep at once without waiting for each other.
 * {@link #insertAll} writes its rows in chunks of 1,000, each one transaction: one read of the keys the
 * chunk's rows hold, every row decided in Java as if the rows were registered one by one, then JDBC
 * batches (on PostgreSQL, one statement over arrays) for the new devices, their events and the updates;
 * should a concurrent writer take a key or change a device in between, the chunk is rolled back and
 * registered one row at a time instead.
 *
 * <h2>The change feed: never a gap filled in behind a reader</h2>
 * A sequence handed out at insert rather than at commit would let a reader of {@code sequence > last}
 * read event 8 while event 7's transaction is still open, and never see 7. On <b>PostgreSQL</b> an
 * event's sequence is the id of the transaction that wrote it, times 65,536, plus its place among
 * that transaction's events; {@link #events} returns only events of transactions older than the
 * oldest still running on the server ({@code pg_snapshot_xmin}), below which nothing can appear any
 * more; writers share no row. The price is on the reader's side: an event is delivered once every
 * transaction that began writing before it has ended, including other applications' transactions on
 * the server, so a long-running one delays the feed (it never reorders or loses an event; a device's
 * history is not delayed). Sequences increase but have gaps; PostgreSQL 13 or later. On <b>H2</b>
 * sequences come from a one-row counter that every event-writing transaction increments, which
 * assigns them densely in commit order. Either way a device's events are in sequence order, and
 * attribute updates append no event.
 *
 * <h2>Transactions, failures, time, caching</h2>
 * Each store operation is exactly one transaction of its own, committed before the method returns.
 * It never joins a caller's transaction, works with pools whose connections have auto-commit on or
 * off, returns each connection as it found it, and expects READ COMMITTED (the databases' default).
 * Conflict aborts (serialization failures, deadlocks, lock-wait timeouts) are retried a few times.
 * Every failure is a {@link StorageException}; {@link StorageException#outcomeUnknown()} says whether
 * a failed write may have applied. Instants are stored in {@code TIMESTAMP WITH TIME ZONE} columns at
 * UTC, exact to the microsecond whatever the JVM's or the session's time zone. Caching: see
 * {@link ReadCache}.
 */
public final class JdbcDeviceStore implements DeviceStore {

    /** The table prefix unless {@link Builder#tablePrefix(String)} sets another. */
    public static final String DEFAULT_TABLE_PREFIX = "devreg_";

    /** How many devices the embedded store's cache holds. */
    public static final long EMBEDDED_CACHE_DEVICES = 10_000;

    private final Statements statements;
    private final TransactionRunner runner;
    private final DeviceWrites writes;
    private final BulkWrites bulk;
    private final @Nullable DeviceCache cache;
    private final ReadCache cacheSettings;
    private final @Nullable AutoCloseable owned;
    private volatile boolean closed;
    /** The cache's loaders, made once rather than as lambdas on every cached lookup. */
    private final Function<DeviceRef, Optional<Device>> readByRef = this::read;
    private final LongFunction<Optional<Device>> readById = id -> read(DeviceRef.id(id));

    private JdbcDeviceStore(Statements statements, TransactionRunner runner, ReadCache cacheSettings,
            @Nullable AutoCloseable owned) {
        this.statements = statements;
        this.runner = runner;
        this.cacheSettings = cacheSettings;
        this.cache = cacheSettings.enabled() ? new DeviceCache(cacheSettings) : null;
        this.writes = new DeviceWrites(statements, runner, cache);
        this.bulk = new BulkWrites(statements, runner, writes);
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
        try { // before EmbeddedDatabase, whose very loading needs H2
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
        Statements statements = Statements.of(Objects.requireNonNull(dialect, "dialect"), new Tables(tablePrefix));
        return new Schema(statements, Schema.MIGRATIONS).script();
    }

    /** The detected database. */
    public Dialect dialect() {
        return statements.dialect();
    }

    @Override
    public WriteResult insert(NewDevice device, WriteContext context) {
        checkOpen();
        return writes.insert(device, context);
    }

    @Override
    public List<RowResult> insertAll(List<NewDevice> devices, ImportMode mode, WriteContext context) {
        checkOpen();
        return bulk.insertAll(devices, mode, context);
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        checkOpen();
        return cache == null ? read(ref) : cache.find(ref, readByRef, readById);
    }

    @Override
    public WriteResult transition(DeviceRef ref, Transition transition, WriteContext context) {
        checkOpen();
        return writes.transition(ref, transition, context);
    }

    @Override
    public WriteResult update(DeviceRef ref, DeviceUpdate update, WriteContext context) {
        checkOpen();
        return writes.update(ref, update, context);
    }

    @Override
    public int expireHolds(int limit, WriteContext context) {
        checkOpen();
        return writes.expireHolds(limit, context);
    }

    @Override
    public int purgeIdempotencyKeys(Instant recordedBefore, int limit) {
        checkOpen();
        return writes.purgeIdempotencyKeys(recordedBefore, limit);
    }

    @Override
    public List<Device> list(DeviceQuery query, int max, Instant now) {
        checkOpen();
        return runner.read(() -> "list devices with " + query, handle -> statements.list(handle, query, max, now));
    }

    @Override
    public List<DeviceEvent> events(EventQuery query) {
        checkOpen();
        if (query instanceof EventQuery.Feed feed) {
            return runner.read(() -> "read the events after sequence " + feed.afterSequence(),
                    handle -> statements.events(handle, feed.afterSequence(), feed.limit()));
        }
        if (query instanceof EventQuery.OfDevice device) {
            return runner.read(() -> "read the history of device " + device.deviceId(),
                    handle -> statements.history(handle, device.deviceId()));
        }
        EventQuery.OfAccount account = (EventQuery.OfAccount) query;
        return runner.read(() -> "read the usage events of account " + account.account(),
                handle -> statements.accountEvents(handle, account.account(), account.to()));
    }

    /** Closes the embedded database, if this store opened one; never a caller's DataSource. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            runner.close(); // before the database: H2 closes its file with the last connection
        } finally {
            if (owned != null) {
                try {
                    owned.close();
                } catch (Exception e) {
                    throw new StorageException("Could not close " + owned + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcDeviceStore[" + (owned != null ? owned : dialect()) + ", tables " + statements.tables.prefix() + "*, "
                + cacheSettings + (closed ? ", closed" : "") + ']';
    }

    /** The device {@code ref} names, read from the database (every uncached lookup). */
    private Optional<Device> read(DeviceRef ref) {
        return runner.read(() -> "find the device with " + ref, handle -> statements.find(handle, ref));
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
        private List<Schema.Migration> migrations = Schema.MIGRATIONS;

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

        /** The schema's migrations, instead of this release's: fewer, for a database of an earlier version (tests). */
        Builder migrations(List<Schema.Migration> migrations) {
            this.migrations = List.copyOf(migrations);
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
            TransactionRunner runner = owned != null ? TransactionRunner.serializingWrites(dataSource)
                    : TransactionRunner.concurrent(dataSource);
            try {
                Dialect dialect = runner.read(() -> "connect to the database",
                        handle -> Dialect.of(handle.getConnection().getMetaData()));
                Statements statements = Statements.of(dialect, new Tables(tablePrefix));
                new Schema(statements, migrations).apply(schemaMode, runner);
                return new JdbcDeviceStore(statements, runner, readCache, owned);
            } catch (RuntimeException e) {
                try {
                    runner.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
    }
}
