package io.devreg.reliability;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.storage.jdbc.ReadCache;

/** Faults under PostgreSQL, uncached as a shared database is by default. */
class PostgresInjectedFaultsTest extends InjectedFaultsContract {
    @Override
    protected HikariDataSource createPool() {
        return TestStores.postgresPool(8);
    }

    @Override
    protected ReadCache readCache() {
        return ReadCache.none();
    }
}
