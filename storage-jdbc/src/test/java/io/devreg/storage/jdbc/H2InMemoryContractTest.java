package io.devreg.storage.jdbc;

import io.devreg.spi.DeviceStore;
import io.devreg.testkit.DeviceStoreContract;

/** {@link JdbcDeviceStore} on an H2 in-memory database (a caller's pool) passes the storage contract. */
class H2InMemoryContractTest extends DeviceStoreContract {

    @Override
    protected DeviceStore createStore() {
        return JdbcDeviceStore.builder(TestDatabases.h2InMemory()).tablePrefix(TestDatabases.freshPrefix()).build();
    }
}
