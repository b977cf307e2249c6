package io.devreg.spring.boot;

import io.devreg.DeviceRegistry;
import io.devreg.DeviceRegistryBuilder;
import io.devreg.RegistryListener;
import io.devreg.spi.DeviceStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * devreg's auto-configuration: a {@link DeviceStore}, a {@link DeviceRegistry} on it, and its
 * {@link DevregHousekeeping}; each only when the application defines no bean of that type itself (and
 * no store when it defines its own registry).
 *
 * <ul>
 *   <li><b>The store</b> ({@code devreg.store}, {@link DevregProperties.StoreType}): by default a
 *       {@link io.devreg.storage.jdbc.JdbcDeviceStore} on the application's {@link DataSource} (the
 *       {@code @Primary} one if there are several), else the embedded H2 store in
 *       {@code devreg.embedded.directory}. It runs after DataSource auto-configuration and after database
 *       initializers (Flyway, Liquibase, SQL scripts), so that {@code devreg.jdbc.schema-mode=validate}
 *       finds a schema they created. Closed with the context; a DataSource is never closed by it.</li>
 *   <li><b>The registry</b>: {@code devreg.holds.*} and {@code devreg.idempotency.*} applied to its
 *       builder, then every {@link RegistryListener} bean as its listener (the Micrometer meters are
 *       one), then every {@link DeviceRegistryBuilderCustomizer} bean.</li>
 *   <li><b>Housekeeping</b> unless {@code devreg.housekeeping.enabled=false}.</li>
 * </ul>
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(DevregProperties.class)
public class DevregAutoConfiguration {

    /** Made by Spring from the auto-configuration imports. */
    public DevregAutoConfiguration() {
    }

    /**
     * The store {@code devreg.store} chooses; none when the application has a store or a registry of its
     * own (a registry of its own has its own store, and none should be opened for nothing). Declared
     * before {@link #devregDeviceRegistry}, so that its condition sees only the application's beans.
     */
    @Bean
    @ConditionalOnMissingBean({DeviceStore.class, DeviceRegistry.class})
    @DependsOnDatabaseInitialization
    DeviceStore devregDeviceStore(DevregProperties properties, ObjectProvider<DataSource> dataSource) {
        return StoreSelection.create(properties, dataSource::getIfAvailable);
    }

    /** The registry on the store, configured by the properties, listeners and customizers. */
    @Bean
    @ConditionalOnMissingBean
    DeviceRegistry devregDeviceRegistry(DeviceStore store, DevregProperties properties,
            ObjectProvider<RegistryListener> listeners, ObjectProvider<DeviceRegistryBuilderCustomizer> customizers) {
        DeviceRegistryBuilder builder = DeviceRegistry.builder()
                .store(store)
                .maxHoldLifetime(properties.getHolds().getMaxLifetime())
                .idempotencyRetention(properties.getIdempotency().getRetention());
        if (properties.getHolds().getDefaultTtl() != null) {
            builder.holdTtl(properties.getHolds().getDefaultTtl());
        }
        RegistryListeners.of(listeners.orderedStream().toList()).ifPresent(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** The scheduled expiry of holds and purge of idempotency keys. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "devreg.housekeeping.enabled", matchIfMissing = true)
    DevregHousekeeping devregHousekeeping(DeviceRegistry registry, DevregProperties properties) {
        DevregProperties.Housekeeping housekeeping = properties.getHousekeeping();
        return new DevregHousekeeping(registry, housekeeping.getInterval(), housekeeping.getBatchSize());
    }
}
