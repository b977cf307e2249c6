package io.devreg.reliability;

import io.devreg.spi.DeviceStore;
import io.devreg.testkit.ReservationRaceContract;

class EmbeddedH2ReservationRaceTest extends ReservationRaceContract {
    @Override
    protected DeviceStore createStore() {
        return TestStores.embeddedH2();
    }
}
