package io.devreg.examples.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.DeviceRegistry;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * devreg in a Spring application: a HikariCP pool on {@code devreg.jdbc-url} (PostgreSQL in
 * production), the JDBC store on it, and the registry. Spring closes the store before the pool, since
 * the store depends on it; the store never closes the pool itself.
 */
@Configuration(proxyBeanMethods = false)
public class DevregConfiguration {

    /**
     * The pool, from {@code devreg.jdbc-url}, {@code devreg.jdbc-username} and {@code devreg.jdbc-password}.
     *
     * @param environment where the properties come from
     * @return the pool; closed with the context
     */
    @Bean(destroyMethod = "close")
    public HikariDataSource devregDataSource(Environment environment) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(environment.getRequiredProperty("devreg.jdbc-url"));
        config.setUsername(environment.getProperty("devreg.jdbc-username"));
        config.setPassword(environment.getProperty("devreg.jdbc-password"));
        config.setPoolName("devreg");
        return new HikariDataSource(config);
    }

    /**
     * The store; it creates or migrates its schema at start.
     *
     * @param dataSource the pool
     * @return the store; closed with the context
     */
    @Bean(destroyMethod = "close")
    public JdbcDeviceStore deviceStore(DataSource dataSource) {
        return JdbcDeviceStore.builder(dataSource).build();
    }

    /**
     * The registry the application injects.
     *
     * @param store the store
     * @return the registry
     */
    @Bean
    public DeviceRegistry deviceRegistry(JdbcDeviceStore store) {
        return DeviceRegistry.builder().store(store).build();
    }
}
