package io.devreg.reliability;

import io.devreg.spi.DeviceStore;
import io.devreg.testkit.ReservationRaceContract;

class PostgresHostileWriteTest extends HostileWriteContract {
    @Override
    protected DeviceStore createStore() {
        var pool = TestStores.postgresPool(ReservationRaceContract.THREADS + 2);
        return TestStores.onPool(pool, pool, builder -> builder);
    }
}
