package io.devreg;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What needs no store; the registry's behaviour over real stores is the contract suite's job. */
class DeviceRegistryBuilderTest {

    @Test
    void aRegistryNeedsAStore() {
        assertThatThrownBy(() -> DeviceRegistry.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".store(DeviceStore)");
    }

    @Test
    void neitherStoreNorClockMayBeNull() {
        assertThatThrownBy(() -> DeviceRegistry.builder().store(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DeviceRegistry.builder().clock(null)).isInstanceOf(NullPointerException.class);
    }
}
