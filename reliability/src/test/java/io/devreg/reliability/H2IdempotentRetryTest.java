package io.devreg.reliability;

import io.devreg.spi.DeviceStore;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.storage.jdbc.ReadCache;
import io.devreg.testkit.IdempotentRetryContract;
import javax.sql.DataSource;

/** Keyed retries under faults on H2 through a HikariCP pool, with the exact single-writer cache the embedded default uses. */
class H2IdempotentRetryTest extends IdempotentRetryContract {

    private final String prefix = TestStores.freshPrefix();

    @Override
    protected DataSource createDatabase() {
        return TestStores.h2Pool(8);
    }

    @Override
    protected DeviceStore openStore(DataSource dataSource, boolean truth) {
        return JdbcDeviceStore.builder(dataSource).tablePrefix(prefix)
                .readCache(truth ? ReadCache.none() : ReadCache.singleWriter(JdbcDeviceStore.EMBEDDED_CACHE_DEVICES))
                .build();
    }
}
