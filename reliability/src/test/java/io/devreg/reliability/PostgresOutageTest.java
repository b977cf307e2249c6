package io.devreg.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.spi.DeviceStore;
import io.devreg.testkit.DatabaseOutageContract;
import io.devreg.testsupport.EmbeddedPostgresServer;
import java.time.Duration;

/**
 * A PostgreSQL outage: the shared server is stopped and started again on the same port and data
 * directory, under a store on a HikariCP pool whose connection timeout is the documented bound.
 */
class PostgresOutageTest extends DatabaseOutageContract {

    /** HikariCP's connection timeout: how long a call waits for a connection before it fails. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

    private final EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();

    @Override
    protected DeviceStore createStore() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(500);
        config.addDataSourceProperty("connectTimeout", "1");
        config.addDataSourceProperty("socketTimeout", "5");
        HikariDataSource pool = new HikariDataSource(config);
        return TestStores.onPool(pool, pool, builder -> builder);
    }

    @Override
    protected void stopDatabase() {
        server.stop();
    }

    @Override
    protected void startDatabase() {
        server.startAgain();
    }

    /** The connection timeout, plus slack for a busy machine. */
    @Override
    protected Duration callBound() {
        return CONNECTION_TIMEOUT.plusSeconds(4);
    }
}
