package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.BulkResult;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.Hold;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.Reservation;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The registry's limits hold at their boundaries: what is allowed at the limit, and what just past it is not. */
class RegistryLimitsTest {

    private final DeviceRegistry registry = DeviceRegistry.builder().store(new InMemoryDeviceStore()).build();

    private static List<NewDevice> rows(int count) {
        return IntStream.range(0, count).mapToObj(n -> NewDevice.builder("router").serialNumber("sn-" + n).build())
                .toList();
    }

    @Test
    void registerAllTakesExactlyTenThousandRowsInOneCall() {
        BulkResult result = registry.registerAll(rows(10_000), ImportMode.CREATE);

        assertThat(result.created()).isEqualTo(10_000);
    }

    @Test
    void registerAllRefusesTenThousandAndOneRowsAndStoresNone() {
        assertThatThrownBy(() -> registry.registerAll(rows(10_001), ImportMode.CREATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10001");

        assertThat(registry.list(DeviceQuery.builder().build()).items()).isEmpty();
    }

    @Test
    void aDefaultHoldTtlMayEqualTheMaximumHoldLifetimeButNotExceedIt() {
        DeviceRegistry equal = DeviceRegistry.builder().store(new InMemoryDeviceStore())
                .holdTtl(Duration.ofHours(2)).maxHoldLifetime(Duration.ofHours(2)).build();
        equal.register(NewDevice.builder("router").serialNumber("sn-1").build());
        DeviceRef router = DeviceRef.identity("router", null, "sn-1");
        equal.markAvailable(router);
        Reservation hold = equal.reserve(router, Hold.of("cart-7")).reservation();
        assertThat(hold).isNotNull();
        assertThat(hold.expiresAt()).as("the default TTL, the whole lifetime")
                .isEqualTo(hold.reservedAt().plus(Duration.ofHours(2)));

        assertThatThrownBy(() -> DeviceRegistry.builder().store(new InMemoryDeviceStore())
                .holdTtl(Duration.ofHours(2).plusSeconds(1)).maxHoldLifetime(Duration.ofHours(2)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("maximum hold lifetime");
    }
}
