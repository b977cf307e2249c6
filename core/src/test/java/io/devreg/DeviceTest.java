package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A device's own derivations: what it becomes in another status. */
class DeviceTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aDeviceWithAnotherStatusKeepsItsHoldOnlyWhileReservedAndItsAccountOnlyWhileOnIt() {
        Device reserved = new Device(7, "camera", new UUID(7, 7), "sn-7", null, DeviceStatus.RESERVED, null, null, AT,
                AT, false, 3, new Reservation("cart-7", AT, AT.plusSeconds(900)), null);
        Instant later = AT.plusSeconds(60);

        Device activated = reserved.withStatus(DeviceStatus.ACTIVATED, later);
        Device stillReserved = reserved.withStatus(DeviceStatus.RESERVED, later);

        assertThat(activated.status()).isEqualTo(DeviceStatus.ACTIVATED);
        assertThat(activated.revision()).isEqualTo(4);
        assertThat(activated.lastUpdatedAt()).isEqualTo(later);
        assertThat(activated.reservation()).isNull();
        assertThat(stillReserved.reservation()).isEqualTo(reserved.reservation());
    }
}
