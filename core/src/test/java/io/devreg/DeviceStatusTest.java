package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceStatusTest {

    /** API.md's wire names, stated here independently of the enum. */
    private static final Map<DeviceStatus, String> WIRE_NAMES = Map.of(
            DeviceStatus.INITIALIZING, "initialization",
            DeviceStatus.AVAILABLE, "available",
            DeviceStatus.RESERVED, "reserve",
            DeviceStatus.ACTIVATED, "active",
            DeviceStatus.DEACTIVATING, "deactivation");

    @ParameterizedTest
    @EnumSource(DeviceStatus.class)
    void everyStatusHasTheWireNameOfTheBillingApi(DeviceStatus status) {
        assertThat(status.wireName()).isEqualTo(WIRE_NAMES.get(status));
    }

    @ParameterizedTest
    @EnumSource(DeviceStatus.class)
    void aWireNameReadsBackAsItsStatus(DeviceStatus status) {
        assertThat(DeviceStatus.fromWireName(status.wireName())).isSameAs(status);
    }

    @Test
    void theReservedStatusIsCalledReserveAsInTheSeed() {
        assertThat(DeviceStatus.fromWireName("reserve")).isEqualTo(DeviceStatus.RESERVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reserved", "RESERVE", " reserve", "INITIALIZING", "activated", ""})
    void anUnknownWireNameIsRefusedNamingTheKnownOnes(String unknown) {
        assertThatThrownBy(() -> DeviceStatus.fromWireName(unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + unknown + "'")
                .hasMessageContaining("initialization, available, reserve, active, deactivation");
    }
}
