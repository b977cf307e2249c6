package io.devreg.examples.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.DeviceRegistry;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * devreg in a Guice application: a HikariCP pool on a JDBC URL (PostgreSQL in production), the
 * JDBC store on it, and the registry, each a singleton. Guice has no shutdown hook of its own:
 * the application closes the store, then the pool, when it stops ({@link #close}).
 */
public final class DevregModule extends AbstractModule {

    private final String jdbcUrl;
    private final @Nullable String username;
    private final @Nullable String password;

    /**
     * A module for the database at {@code jdbcUrl}.
     *
     * @param jdbcUrl  e.g. {@code jdbc:postgresql://db:5432/billing}
     * @param username the database user, or null
     * @param password the database password, or null
     */
    public DevregModule(String jdbcUrl, @Nullable String username, @Nullable String password) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.username = username;
        this.password = password;
    }

    @Provides
    @Singleton
    HikariDataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setPoolName("devreg");
        return new HikariDataSource(config);
    }

    @Provides
    @Singleton
    JdbcDeviceStore deviceStore(HikariDataSource dataSource) {
        return JdbcDeviceStore.builder(dataSource).build();
    }

    @Provides
    @Singleton
    DeviceRegistry deviceRegistry(JdbcDeviceStore store) {
        return DeviceRegistry.builder().store(store).build();
    }

    /**
     * Closes what this module's providers opened, store first: call it when the application stops.
     *
     * @param injector the injector made with this module
     */
    public static void close(Injector injector) {
        HikariDataSource pool = injector.getInstance(HikariDataSource.class);
        try {
            injector.getInstance(JdbcDeviceStore.class).close();
        } finally {
            pool.close();
        }
    }
}
