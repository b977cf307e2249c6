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
import io.devreg.spi.EventQuery;
import io.devreg.spi.StorageException;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeviceStore} on a relational database: H2 (embedded, the default) or PostgreSQL (for
 * many application instances sharing one database).
 *
 * <h2>Writes</h2>
 * Every write is one atomic conditional step, never read-check-write. On PostgreSQL a registration
 * or a transition is one statement whose CTEs lock the device only if a read at the write's time
 * would find it in an allowed status (a hold that ran out counts as available) held by the right
 * holder, then change it and insert its events (a hold's EXPIRE first, when it ran out). On H2 the
 * row is read {@code FOR UPDATE}, core's {@link io.devreg.spi.Transition} decides, and state and
 * events follow in the same transaction. Either way a writer that waited for the row lock decides
 * on the row's newest version: of N racing writers exactly one applies, in one JVM or many. A
 * refused write costs one more read. Unique indexes enforce uniqueness. A keyed write records its
 * key after it writes, in its transaction (a PostgreSQL transition: in its statement); a second
 * write under the key fails on it, is undone, and answers the first's record. {@link #expireHolds}
 * is one statement on PostgreSQL with {@code FOR UPDATE SKIP LOCKED}, so sweeps never wait on each
 * other. {@link #insertAll} writes batches of 1,000 rows, one transaction each.
 *
 * <h2>The change feed: never a gap filled in behind a reader</h2>
 * A sequence handed out at insert rather than at commit would let a reader see event 8 while event
 * 7's transaction is still open, and never see 7. On <b>PostgreSQL</b> an event's sequence is its
 * transaction's id times 65,536 plus its place among that transaction's events, and {@link #events}
 * returns only events of transactions older than the oldest still running ({@code pg_snapshot_xmin}):
 * writers share no row, and an event is delivered once every transaction that began writing before
 * it has ended (a long-running transaction on the server delays the feed; it never reorders or loses
 * an event, and a device's history is not delayed). Sequences increase but have gaps; PostgreSQL 13
 * or later. On <b>H2</b> sequences come from a one-row counter that every event-writing transaction
 * increments: dense, in commit order.
 *
 * <h2>Transactions, failures, time, caching</h2>
 * Each store operation is one transaction of its own, committed before the method returns; it never
 * joins a caller's transaction, works with auto-commit on or off, and expects READ COMMITTED.
 * Conflict aborts are retried a few times. Every failure is a {@link StorageException}, whose
 * {@link StorageException#outcomeUnknown()} says whether a failed write may have applied. Instants are
 * stored as {@code TIMESTAMP WITH TIME ZONE} at UTC, exact to the microsecond. Caching: {@link ReadCache}.
 */
public final class JdbcDeviceStore implements DeviceStore {

    /** The table prefix unless {@link Builder#tablePrefix(String)} sets another. */
    public static final String DEFAULT_TABLE_PREFIX = "devreg_";

    /** How many devices the embedded store's cache holds. */
    public static final long EMBEDDED_CACHE_DEVICES = 10_000;

    private final Statements statements;
    private final TransactionRunner runner;
    private final DeviceWrites writes;
    private final DeviceReads reads;
    private final @Nullable DeviceCache cache;
    private final @Nullable AutoCloseable owned;
    private volatile boolean closed;

    private JdbcDeviceStore(Statements statements, TransactionRunner runner, ReadCache cacheSettings,
            @Nullable AutoCloseable owned) {
        this.statements = statements;
        this.runner = runner;
        this.cache = cacheSettings.enabled() ? new DeviceCache(cacheSettings) : null;
        this.writes = new DeviceWrites(statements, runner, cache);
        this.reads = new DeviceReads(statements, runner);
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
        Dialect.requireH2Driver(); // before EmbeddedDatabase, whose very loading needs H2
        EmbeddedDatabase database = EmbeddedDatabase.open(directory);
        try {
            return new Builder(database.dataSource()).readCache(ReadCache.singleWriter(EMBEDDED_CACHE_DEVICES)).build(database);
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

    /** What health checks and metrics read: the database's status, devices by status, the read cache's statistics. */
    public Monitoring monitoring() {
        return new Monitoring(statements, runner, cache, this::checkOpen);
    }

    @Override
    public WriteResult insert(NewDevice device, WriteContext context) {
        checkOpen();
        return writes.insert(device, context);
    }

    @Override
    public List<RowResult> insertAll(List<NewDevice> devices, ImportMode mode, WriteContext context) {
        checkOpen();
        return writes.insertAll(devices, mode, context);
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        checkOpen();
        return cache == null ? reads.find(ref) : cache.find(ref, reads.byRef(), reads.byId());
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
        return reads.list(query, max, now);
    }

    @Override
    public List<DeviceEvent> events(EventQuery query) {
        checkOpen();
        return reads.events(query);
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
                + (cache == null ? ReadCache.none() : cache.settings()) + (closed ? ", closed" : "") + ']';
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
         * {@code <prefix>idempotency_keys}, {@code <prefix>event_counter} (H2 only),
         * {@code <prefix>schema_version}); {@value JdbcDeviceStore#DEFAULT_TABLE_PREFIX}
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
