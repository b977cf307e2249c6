package io.devreg.reliability;

import io.devreg.spi.DeviceStore;

class PostgresHostileReadTest extends HostileReadContract {
    @Override
    protected DeviceStore createStore() {
        var pool = TestStores.postgresPool(ReservationRaceContract.THREADS + 2);
        return TestStores.onPool(pool, pool, builder -> builder);
    }
}
