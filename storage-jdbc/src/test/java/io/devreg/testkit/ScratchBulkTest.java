package io.devreg.testkit;

import io.devreg.spi.DeviceStore;
import io.devreg.storage.jdbc.ScratchStores;
import org.junit.jupiter.api.Nested;

/** SCRATCH: not to be committed. */
class ScratchBulkTest {
    @Nested
    class Memory extends BulkSpec {
        @Override
        DeviceStore createStore() {
            return new io.devreg.storage.memory.InMemoryDeviceStore();
        }
    }

    @Nested
    class H2Mem extends BulkSpec {
        @Override
        DeviceStore createStore() {
            return ScratchStores.h2();
        }
    }

    @Nested
    class H2Embedded extends BulkSpec {
        @Override
        DeviceStore createStore() {
            return ScratchStores.embedded();
        }
    }

    @Nested
    class Pg extends BulkSpec {
        @Override
        DeviceStore createStore() {
            return ScratchStores.pg();
        }
    }
}
