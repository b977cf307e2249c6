package io.devreg.reliability;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.storage.jdbc.ReadCache;

/** Faults under H2, with the exact single-writer cache the embedded default uses. */
class H2InjectedFaultsTest extends InjectedFaultsContract {
    @Override
    protected HikariDataSource createPool() {
        return TestStores.h2Pool(8);
    }

    @Override
    protected ReadCache readCache() {
        return ReadCache.singleWriter(JdbcDeviceStore.EMBEDDED_CACHE_DEVICES);
    }
}
