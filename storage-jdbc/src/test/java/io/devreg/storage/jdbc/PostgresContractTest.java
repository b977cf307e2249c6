package io.devreg.storage.jdbc;

import io.devreg.spi.DeviceStore;
import io.devreg.testkit.DeviceStoreContract;

/** {@link JdbcDeviceStore} on a real PostgreSQL server passes the storage contract. */
class PostgresContractTest extends DeviceStoreContract {

    @Override
    protected DeviceStore createStore() {
        return JdbcDeviceStore.builder(TestDatabases.postgres()).tablePrefix(TestDatabases.freshPrefix()).build();
    }
}
