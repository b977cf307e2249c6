package io.devreg.reliability;

import io.devreg.spi.DeviceStore;
import io.devreg.storage.memory.InMemoryDeviceStore;
import io.devreg.testkit.ReservationRaceContract;

class InMemoryReservationRaceTest extends ReservationRaceContract {
    @Override
    protected DeviceStore createStore() {
        return new InMemoryDeviceStore();
    }
}
