package io.devreg.reliability;

import io.devreg.spi.DeviceStore;
import io.devreg.testkit.TwoInstancesContract;

/** Two store instances, each with its own HikariCP pool, on one PostgreSQL database, as two application instances. */
class PostgresTwoInstancesTest extends TwoInstancesContract {

    private final String prefix = TestStores.freshPrefix();

    @Override
    protected DeviceStore openInstance() {
        return TestStores.onPool(TestStores.postgresPool(KEYED_CALLERS / 2), prefix);
    }
}
