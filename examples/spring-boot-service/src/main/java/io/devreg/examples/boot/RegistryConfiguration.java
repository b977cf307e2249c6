package io.devreg.examples.boot;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.DeviceRegistry;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry and its store: the embedded H2 store in {@code devreg.data-dir} by default, or a
 * pool on {@code devreg.jdbc-url} (PostgreSQL when many service instances share the registry).
 * devreg's own properties rather than {@code spring.datasource.*}: Boot would otherwise start an
 * in-memory H2 DataSource whenever no URL is set, beside the embedded store.
 */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("devreg.jdbc-url")
    HikariDataSource devregDataSource(DevregProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(properties.jdbcUrl());
        config.setUsername(properties.jdbcUsername());
        config.setPassword(properties.jdbcPassword());
        config.setPoolName("devreg");
        return new HikariDataSource(config);
    }

    /** Destroyed before the pool it uses; it never closes the pool itself. */
    @Bean(destroyMethod = "close")
    JdbcDeviceStore deviceStore(DevregProperties properties, ObjectProvider<HikariDataSource> pool) {
        HikariDataSource dataSource = pool.getIfAvailable();
        return dataSource == null
                ? JdbcDeviceStore.embedded(properties.dataDir())
                : JdbcDeviceStore.builder(dataSource).build();
    }

    @Bean
    DeviceRegistry deviceRegistry(JdbcDeviceStore store) {
        return DeviceRegistry.builder().store(store).build();
    }
}
