package io.devreg.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.MacAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeviceKeysTest {

    @Test
    void benchmarkMacsAreDistinctCanonicalEui48s() {
        String[] macs = DeviceKeys.macs(70_000);

        assertThat(Arrays.stream(macs).distinct().count()).isEqualTo(70_000);
        for (String mac : macs) {
            assertThat(MacAddress.canonical(mac)).isSameAs(mac);
        }
        assertThat(DeviceKeys.mac(0x1_2345_6789L)).isEqualTo("02:01:23:45:67:89");
    }
}
