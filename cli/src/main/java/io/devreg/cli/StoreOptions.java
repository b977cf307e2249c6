package io.devreg.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.DeviceRegistry;
import io.devreg.spi.StorageException;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a command finds the registry: the embedded store (an H2 database in a directory, the
 * default) or a database by JDBC URL, for example a PostgreSQL that billing services share.
 */
final class StoreOptions {

    /** The embedded store's directory when neither option is given. */
    static final Path DEFAULT_DATA = Path.of("devreg-data");

    /** A command needs one connection; the second lets a slow close overlap the next open. */
    private static final int POOL_SIZE = 2;

    @Spec(Spec.Target.MIXEE)
    @Nullable CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The embedded store's directory (default: ./devreg-data).")
    @Nullable Path data;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "A database (PostgreSQL or H2) instead of the embedded store, "
                    + "e.g. jdbc:postgresql://db:5432/billing.")
    @Nullable String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "The database user for --jdbc-url.")
    @Nullable String jdbcUser;

    @Option(names = "--jdbc-password", paramLabel = "PASSWORD", defaultValue = "${env:DEVREG_JDBC_PASSWORD}",
            description = "The database password for --jdbc-url (default: $DEVREG_JDBC_PASSWORD).")
    @Nullable String jdbcPassword;

    /**
     * A registry over the store these options name, which opens when the registry first asks it
     * for something: after the registry has checked the command's input.
     *
     * @throws ParameterException if both --data and --jdbc-url are given
     */
    OpenedRegistry open() {
        if (jdbcUrl != null && data != null) {
            throw new ParameterException(spec == null ? null : spec.commandLine(),
                    "--data and --jdbc-url name two different stores: give one of them");
        }
        StoreOnFirstUse store = new StoreOnFirstUse(this::openStore);
        return new OpenedRegistry(DeviceRegistry.builder().store(store).build(), store);
    }

    /**
     * Opens the store these options name.
     *
     * @throws StorageException if it cannot be opened
     */
    private StoreOnFirstUse.Opened openStore() {
        if (jdbcUrl == null) {
            JdbcDeviceStore store = JdbcDeviceStore.embedded(data == null ? DEFAULT_DATA : data);
            return new StoreOnFirstUse.Opened(store, store);
        }
        HikariDataSource dataSource = connect(jdbcUrl);
        try {
            JdbcDeviceStore store = JdbcDeviceStore.builder(dataSource).build();
            // The store never closes a caller's DataSource, so the pool is closed after it.
            return new StoreOnFirstUse.Opened(store, () -> {
                try (dataSource) {
                    store.close();
                }
            });
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private HikariDataSource connect(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(jdbcUser);
        config.setPassword(jdbcPassword);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("devreg-cli");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Hikari reports an unknown driver or an unreachable server this way.
            throw new StorageException("Cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }
}
