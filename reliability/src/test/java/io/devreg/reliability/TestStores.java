package io.devreg.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.spi.DeviceStore;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.testsupport.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The stores the reliability tests run on: the embedded H2 default in a fresh directory, and
 * PostgreSQL (the shared embedded server) through a real connection pool, each store in tables of
 * its own prefix so that every test starts empty.
 */
final class TestStores {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private TestStores() {
    }

    /** The embedded default, {@link JdbcDeviceStore#embedded(Path)}, in a new temporary directory deleted on close. */
    static DeviceStore embeddedH2() {
        Path directory = TemporaryDirectory.create("devreg-h2-");
        return new StoreWithCleanup(JdbcDeviceStore.embedded(directory), () -> TemporaryDirectory.delete(directory));
    }

    /** The embedded default in {@code directory}, which the caller owns. */
    static DeviceStore embeddedIn(Path directory) {
        return JdbcDeviceStore.embedded(directory);
    }

    /** A fresh table prefix, so that a store on a shared database starts empty. */
    static String freshPrefix() {
        return "r" + ProcessHandle.current().pid() + "_" + PREFIXES.incrementAndGet() + "_";
    }

    /** A HikariCP pool on {@code jdbcUrl}; its connection timeout bounds how long a lost connection can block. */
    static HikariDataSource pool(String jdbcUrl, String user, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(1_000);
        return new HikariDataSource(config);
    }

    /** A pool on the shared PostgreSQL server. */
    static HikariDataSource postgresPool(int size) {
        return pool(EmbeddedPostgresServer.shared().jdbcUrl(), EmbeddedPostgresServer.USER, size);
    }

    /** A pool on a new in-memory H2 database, with the embedded store's 10 s lock timeout. */
    static HikariDataSource h2Pool(int size) {
        return h2Pool(freshH2Database(), size);
    }

    /** The name of a new in-memory H2 database, for {@link #h2Pool(String, int)}. */
    static String freshH2Database() {
        return "devreg-" + PREFIXES.incrementAndGet();
    }

    /** A pool on the in-memory H2 database {@code name}, with the embedded store's 10 s lock timeout. */
    static HikariDataSource h2Pool(String name, int size) {
        return pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", size);
    }

    /** A store on {@code pool} in the tables of {@code prefix}, which closes the pool too. */
    static DeviceStore onPool(HikariDataSource pool, String prefix) {
        try {
            return new StoreWithCleanup(JdbcDeviceStore.builder(pool).tablePrefix(prefix).build(), pool::close);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** A store on a pool that closes the pool too: the store never closes a caller's DataSource. */
    static DeviceStore onPool(HikariDataSource pool, DataSource seenByStore,
            java.util.function.UnaryOperator<JdbcDeviceStore.Builder> options) {
        JdbcDeviceStore store = options.apply(JdbcDeviceStore.builder(seenByStore).tablePrefix(freshPrefix())).build();
        return new StoreWithCleanup(store, pool::close);
    }
}
