package io.devreg.reliability;

import io.devreg.spi.DeviceStore;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.testkit.IdempotentRetryContract;
import javax.sql.DataSource;

/** Keyed retries under faults on PostgreSQL through a HikariCP pool, uncached as a shared database is by default. */
class PostgresIdempotentRetryTest extends IdempotentRetryContract {

    private final String prefix = TestStores.freshPrefix();

    @Override
    protected DataSource createDatabase() {
        return TestStores.postgresPool(8);
    }

    @Override
    protected DeviceStore openStore(DataSource dataSource, boolean truth) {
        return JdbcDeviceStore.builder(dataSource).tablePrefix(prefix).build();
    }
}
