package io.devreg.reliability;

import io.devreg.spi.DeviceStore;
import io.devreg.storage.memory.InMemoryDeviceStore;

class InMemoryHostileReadTest extends HostileReadContract {
    @Override
    protected DeviceStore createStore() {
        return new InMemoryDeviceStore();
    }
}
