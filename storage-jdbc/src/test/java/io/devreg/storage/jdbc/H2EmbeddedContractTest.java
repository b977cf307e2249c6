package io.devreg.storage.jdbc;

import io.devreg.spi.DeviceStore;
import io.devreg.testkit.DeviceStoreContract;

/** The embedded default, {@link JdbcDeviceStore#embedded}, passes the storage contract, cache included. */
class H2EmbeddedContractTest extends DeviceStoreContract {

    @Override
    protected DeviceStore createStore() {
        return JdbcDeviceStore.embedded(TestDatabases.freshDirectory());
    }

    @Override
    protected int modelExamples() {
        // Each sequence opens a database file (about a third of a second); the model's logic is
        // explored at full width on H2 in memory and PostgreSQL, this run covers file and cache.
        return 20;
    }
}
