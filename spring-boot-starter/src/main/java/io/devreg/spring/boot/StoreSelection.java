package io.devreg.spring.boot;

import io.devreg.spi.DeviceStore;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.storage.jdbc.ReadCache;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and builds the store {@code devreg.store} asks for (see {@link DevregProperties.StoreType}).
 * Decided when the store bean is made, not by conditions, because whether a DataSource is an in-memory
 * database is known only by asking it.
 */
final class StoreSelection {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSelection.class);

    private StoreSelection() {
    }

    /**
     * The store for {@code properties}; {@code dataSource} gives the application's DataSource, or null
     * when it has none.
     *
     * @throws IllegalStateException with {@code devreg.store=jdbc} and no DataSource
     */
    static DeviceStore create(DevregProperties properties, Supplier<@Nullable DataSource> dataSource) {
        DeviceStore store = switch (properties.getStore()) {
            case MEMORY -> new InMemoryDeviceStore();
            case EMBEDDED -> embedded(properties);
            case JDBC -> {
                DataSource required = dataSource.get();
                if (required == null) {
                    throw new IllegalStateException("devreg.store=jdbc needs a DataSource bean (spring.datasource.url,"
                            + " or a DataSource of your own); set devreg.store=auto or embedded to use the embedded"
                            + " H2 store instead");
                }
                yield onDataSource(properties, required);
            }
            case AUTO -> {
                DataSource available = dataSource.get();
                if (available == null) {
                    yield embedded(properties);
                }
                if (isInMemoryH2(available)) {
                    LOG.info("devreg does not keep its devices in the application's DataSource: it is an in-memory H2"
                            + " database, whose devices a restart would lose (Spring Boot makes one when H2 is on the"
                            + " class path and spring.datasource.url is not set). Set devreg.store=jdbc to use it all"
                            + " the same.");
                    yield embedded(properties);
                }
                yield onDataSource(properties, available);
            }
        };
        LOG.info("devreg keeps its devices in {}", store);
        return store;
    }

    private static JdbcDeviceStore embedded(DevregProperties properties) {
        return JdbcDeviceStore.embedded(properties.getEmbedded().getDirectory());
    }

    private static JdbcDeviceStore onDataSource(DevregProperties properties, DataSource dataSource) {
        DevregProperties.Jdbc jdbc = properties.getJdbc();
        return JdbcDeviceStore.builder(dataSource)
                .tablePrefix(jdbc.getTablePrefix())
                .schemaMode(jdbc.getSchemaMode())
                .readCache(readCache(jdbc.getCache()))
                .build();
    }

    private static ReadCache readCache(DevregProperties.Cache cache) {
        return switch (cache.getMode()) {
            case NONE -> ReadCache.none();
            case BOUNDED_STALENESS -> ReadCache.boundedStaleness(cache.getMaxStaleness(), cache.getMaximumDevices());
            case SINGLE_WRITER -> ReadCache.singleWriter(cache.getMaximumDevices());
        };
    }

    /**
     * Whether the DataSource is an in-memory H2 database. False when it cannot be asked: the store built
     * on it then fails with the database's own error, rather than devreg silently choosing another store.
     */
    static boolean isInMemoryH2(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            return url != null && url.startsWith("jdbc:h2:mem:");
        } catch (SQLException e) {
            return false;
        }
    }
}
