package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.testkit.TestDeviceRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link RequestContext.Builder#onReplay}: told exactly when a write was answered from its key's record. */
class RequestContextReplayTest {

    private final TestDeviceRegistry registry = TestDeviceRegistry.create();
    private final List<Device> replays = new CopyOnWriteArrayList<>();

    private DeviceRegistry keyed(String key) {
        return registry.with(RequestContext.builder().idempotencyKey(key).onReplay(replays::add).build());
    }

    @Test
    void theFirstWriteIsNoReplayAndItsRetryIsOneWithTheRecordedDevice() {
        Device device = registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", "fake_mac_5", null);

        Device first = keyed("k-1").reserve(DeviceRef.id(device.id()), Hold.of("h1"));
        assertThat(replays).isEmpty();

        Device retried = keyed("k-1").reserve(DeviceRef.id(device.id()), Hold.of("h1"));
        assertThat(retried).isEqualTo(first);
        assertThat(replays).containsExactly(first);
    }

    @Test
    void aKeyReusedForAnotherRequestAndARefusedWriteAreNoReplays() {
        Device device = registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", "fake_mac_5", null);
        keyed("k-1").reserve(DeviceRef.id(device.id()), Hold.of("h1"));

        assertThatThrownBy(() -> keyed("k-1").release(DeviceRef.id(device.id()), "h1"))
                .isInstanceOfSatisfying(DeviceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
        assertThatThrownBy(() -> keyed("k-2").reserve(DeviceRef.id(device.id()), Hold.of("h2")))
                .isInstanceOf(DeviceException.class);

        assertThat(replays).isEmpty();
    }

    @Test
    void theListenerIsNotPartOfTheContextsEquality() {
        RequestContext a = RequestContext.builder().idempotencyKey("k").onReplay(replays::add).build();
        RequestContext b = RequestContext.builder().idempotencyKey("k").build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }
}
