package io.devreg.storage.memory;

import io.devreg.spi.DeviceStore;
import io.devreg.testkit.DeviceStoreContract;

/** {@link InMemoryDeviceStore} passes the storage conformance suite. */
class InMemoryDeviceStoreContractTest extends DeviceStoreContract {

    @Override
    protected DeviceStore createStore() {
        return new InMemoryDeviceStore();
    }

    @Override
    protected int modelExamples() {
        return 200; // the heap is fast: explore more sequences than a database can afford
    }
}
