package io.devreg.reliability;

import io.devreg.spi.DeviceStore;

class EmbeddedH2HostileWriteTest extends HostileWriteContract {
    @Override
    protected DeviceStore createStore() {
        return TestStores.embeddedH2();
    }
}
