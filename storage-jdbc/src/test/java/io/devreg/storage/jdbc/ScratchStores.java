package io.devreg.storage.jdbc;

import io.devreg.spi.DeviceStore;

/** SCRATCH: not to be committed. */
public final class ScratchStores {
    public static DeviceStore h2() {
        return JdbcDeviceStore.builder(TestDatabases.h2InMemory()).tablePrefix(TestDatabases.freshPrefix()).build();
    }
    public static DeviceStore embedded() {
        return JdbcDeviceStore.embedded(TestDatabases.freshDirectory());
    }
    public static DeviceStore pg() {
        return JdbcDeviceStore.builder(TestDatabases.postgres()).tablePrefix(TestDatabases.freshPrefix()).build();
    }
}
