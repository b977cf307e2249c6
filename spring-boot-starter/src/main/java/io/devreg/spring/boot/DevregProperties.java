package io.devreg.spring.boot;

import io.devreg.DeviceRegistryBuilder;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.storage.jdbc.SchemaMode;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * devreg's configuration, the {@code devreg.*} properties. Every default is devreg's own: a property
 * left unset changes nothing from what {@link io.devreg.DeviceRegistry#builder()} and
 * {@link JdbcDeviceStore} do without it.
 */
@ConfigurationProperties("devreg")
public class DevregProperties {

    /** The default of {@code devreg.embedded.directory}, relative to the working directory. */
    public static final String DEFAULT_EMBEDDED_DIRECTORY = "devreg-data";

    /**
     * Which store keeps the devices. auto: a JdbcDeviceStore on the application's DataSource, unless
     * there is none or it is an in-memory H2 database (which would lose every device at a restart);
     * then the embedded H2 store. jdbc: the DataSource (required), whatever it is. embedded: the
     * embedded H2 store in devreg.embedded.directory. memory: in the heap, lost when the process ends.
     */
    private StoreType store = StoreType.AUTO;

    private final Embedded embedded = new Embedded();

    private final Jdbc jdbc = new Jdbc();

    private final Holds holds = new Holds();

    private final Idempotency idempotency = new Idempotency();

    private final Housekeeping housekeeping = new Housekeeping();

    private final Metrics metrics = new Metrics();

    /** Which store keeps the devices; see {@link StoreType}. */
    public StoreType getStore() {
        return store;
    }

    /** Sets which store keeps the devices. */
    public void setStore(StoreType store) {
        this.store = store;
    }

    /** The embedded H2 store's settings. */
    public Embedded getEmbedded() {
        return embedded;
    }

    /** The settings of the store on the application's DataSource. */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /** The registry's hold settings. */
    public Holds getHolds() {
        return holds;
    }

    /** The registry's idempotency-key settings. */
    public Idempotency getIdempotency() {
        return idempotency;
    }

    /** The scheduled expiry of holds and purge of idempotency keys. */
    public Housekeeping getHousekeeping() {
        return housekeeping;
    }

    /** The Micrometer meters' settings. */
    public Metrics getMetrics() {
        return metrics;
    }

    /** Which store keeps the devices: the values of {@code devreg.store}. */
    public enum StoreType {
        /**
         * A {@link JdbcDeviceStore} on the application's DataSource, unless there is none or it is an
         * in-memory H2 database (Spring Boot makes one by itself when H2 is on the class path and no
         * {@code spring.datasource.url} is set, and it would lose every device at a restart); then the
         * embedded H2 store.
         */
        AUTO,
        /** A {@link JdbcDeviceStore} on the application's DataSource, whatever it is; fails without one. */
        JDBC,
        /** The embedded H2 store ({@link JdbcDeviceStore#embedded}), even when there is a DataSource. */
        EMBEDDED,
        /** An {@link io.devreg.storage.memory.InMemoryDeviceStore}: devices live in the heap and die with the process. */
        MEMORY
    }

    /** The embedded H2 store, {@code devreg.embedded.*}. */
    public static class Embedded {

        /**
         * The directory of the embedded H2 database (created if missing), relative to the working
         * directory unless absolute. One process at a time.
         */
        private Path directory = Path.of(DEFAULT_EMBEDDED_DIRECTORY);

        /** The directory of the embedded H2 database. */
        public Path getDirectory() {
            return directory;
        }

        /** Sets the directory of the embedded H2 database. */
        public void setDirectory(Path directory) {
            this.directory = directory;
        }
    }

    /** The store on the application's DataSource, {@code devreg.jdbc.*}; the embedded store ignores them. */
    public static class Jdbc {

        /**
         * The prefix of devreg's table names: empty, or up to 30 characters, a lower-case letter then
         * lower-case letters, digits or '_'.
         */
        private String tablePrefix = JdbcDeviceStore.DEFAULT_TABLE_PREFIX;

        /**
         * What the store does about its schema at startup. create: create or migrate it. validate:
         * fail unless it is current (for schemas managed with Flyway or Liquibase). none: nothing.
         */
        private SchemaMode schemaMode = SchemaMode.CREATE;

        private final Cache cache = new Cache();

        /** The prefix of devreg's table names. */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /** Sets the prefix of devreg's table names. */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /** What the store does about its schema at startup. */
        public SchemaMode getSchemaMode() {
            return schemaMode;
        }

        /** Sets what the store does about its schema at startup. */
        public void setSchemaMode(SchemaMode schemaMode) {
            this.schemaMode = schemaMode;
        }

        /** The read cache of single devices. */
        public Cache getCache() {
            return cache;
        }
    }

    /** The read cache of the store on the application's DataSource, {@code devreg.jdbc.cache.*}. */
    public static class Cache {

        /**
         * Whether lookups of single devices are served from memory. none: every read goes to the
         * database. bounded-staleness: a device may be up to max-staleness older than the database
         * (other instances' writes); this instance's own writes show at once. single-writer: exact,
         * and correct only when this application instance is the database's only writer.
         */
        private CacheMode mode = CacheMode.NONE;

        /** How many devices the cache holds at most. */
        private long maximumDevices = 10_000;

        /** How much older than the database a cached device may be, with mode bounded-staleness. */
        private Duration maxStaleness = Duration.ofSeconds(2);

        /** Whether lookups of single devices are served from memory. */
        public CacheMode getMode() {
            return mode;
        }

        /** Sets whether lookups of single devices are served from memory. */
        public void setMode(CacheMode mode) {
            this.mode = mode;
        }

        /** How many devices the cache holds at most. */
        public long getMaximumDevices() {
            return maximumDevices;
        }

        /** Sets how many devices the cache holds at most. */
        public void setMaximumDevices(long maximumDevices) {
            this.maximumDevices = maximumDevices;
        }

        /** How much older than the database a cached device may be. */
        public Duration getMaxStaleness() {
            return maxStaleness;
        }

        /** Sets how much older than the database a cached device may be. */
        public void setMaxStaleness(Duration maxStaleness) {
            this.maxStaleness = maxStaleness;
        }
    }

    /** The kinds of read cache: the values of {@code devreg.jdbc.cache.mode}. */
    public enum CacheMode {
        /** Every read goes to the database. */
        NONE,
        /** {@link io.devreg.storage.jdbc.ReadCache#boundedStaleness}: for a database other instances write to. */
        BOUNDED_STALENESS,
        /** {@link io.devreg.storage.jdbc.ReadCache#singleWriter}: only when this instance is the database's only writer. */
        SINGLE_WRITER
    }

    /** The registry's holds, {@code devreg.holds.*}. */
    public static class Holds {

        /**
         * The TTL of holds that state none, the billing API's anonymous reserve included. Unset: such
         * holds never expire.
         */
        private @Nullable Duration defaultTtl;

        /** How long a hold may last at most from its start, extensions included. */
        private Duration maxLifetime = DeviceRegistryBuilder.DEFAULT_MAX_HOLD_LIFETIME;

        /** The TTL of holds that state none; null when they never expire. */
        public @Nullable Duration getDefaultTtl() {
            return defaultTtl;
        }

        /** Sets the TTL of holds that state none. */
        public void setDefaultTtl(@Nullable Duration defaultTtl) {
            this.defaultTtl = defaultTtl;
        }

        /** How long a hold may last at most. */
        public Duration getMaxLifetime() {
            return maxLifetime;
        }

        /** Sets how long a hold may last at most. */
        public void setMaxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
        }
    }

    /** The registry's idempotency keys, {@code devreg.idempotency.*}. */
    public static class Idempotency {

        /** How long idempotency keys are kept at least: a retry within it is recognized. */
        private Duration retention = DeviceRegistryBuilder.DEFAULT_IDEMPOTENCY_RETENTION;

        /** How long idempotency keys are kept at least. */
        public Duration getRetention() {
            return retention;
        }

        /** Sets how long idempotency keys are kept at least. */
        public void setRetention(Duration retention) {
            this.retention = retention;
        }
    }

    /** The scheduled housekeeping, {@code devreg.housekeeping.*}. */
    public static class Housekeeping {

        /**
         * Whether the application runs expireHolds and purgeIdempotencyKeys on a schedule. Safe on
         * every instance at once.
         */
        private boolean enabled = true;

        /** The pause between the end of one housekeeping run and the start of the next. */
        private Duration interval = Duration.ofSeconds(30);

        /** How many holds, or keys, one call ends or deletes; a run calls again while calls come back full. */
        private int batchSize = 1000;

        /** Whether housekeeping runs. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether housekeeping runs. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The pause between two housekeeping runs. */
        public Duration getInterval() {
            return interval;
        }

        /** Sets the pause between two housekeeping runs. */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** How many holds, or keys, one call ends or deletes. */
        public int getBatchSize() {
            return batchSize;
        }

        /** Sets how many holds, or keys, one call ends or deletes. */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }

    /** The Micrometer meters, {@code devreg.metrics.*}. */
    public static class Metrics {

        /**
         * How often the devreg.devices gauge counts the devices by status. Each count reads the
         * whole devices table, so keep it to seconds, not less.
         */
        private Duration deviceCountInterval = Duration.ofSeconds(30);

        /** How often the devices are counted by status. */
        public Duration getDeviceCountInterval() {
            return deviceCountInterval;
        }

        /** Sets how often the devices are counted by status. */
        public void setDeviceCountInterval(Duration deviceCountInterval) {
            this.deviceCountInterval = deviceCountInterval;
        }
    }
}
