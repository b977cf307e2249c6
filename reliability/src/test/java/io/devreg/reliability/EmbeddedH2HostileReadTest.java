package io.devreg.reliability;

import io.devreg.spi.DeviceStore;

class EmbeddedH2HostileReadTest extends HostileReadContract {
    @Override
    protected DeviceStore createStore() {
        return TestStores.embeddedH2();
    }
}
