package io.devreg.reliability;

import io.devreg.spi.DeviceStore;
import io.devreg.testkit.TwoInstancesContract;

/**
 * Two store instances, each with its own HikariCP pool, on one in-memory H2 database. An uncached
 * JdbcDeviceStore keeps nothing of its own between calls, so this proves on H2 what the database's
 * locks and unique keys settle, whatever instance a caller goes through.
 */
class H2TwoInstancesTest extends TwoInstancesContract {

    private final String database = TestStores.freshH2Database();
    private final String prefix = TestStores.freshPrefix();

    @Override
    protected DeviceStore openInstance() {
        return TestStores.onPool(TestStores.h2Pool(database, KEYED_CALLERS / 2), prefix);
    }
}
