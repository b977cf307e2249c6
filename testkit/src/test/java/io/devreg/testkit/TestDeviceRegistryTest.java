package io.devreg.testkit;

import static io.devreg.DeviceOperation.ACTIVATE;
import static io.devreg.DeviceOperation.DEACTIVATE;
import static io.devreg.DeviceOperation.MARK_AVAILABLE;
import static io.devreg.DeviceOperation.REGISTER;
import static io.devreg.DeviceOperation.RESERVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devreg.ActivateRequest;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestDeviceRegistryTest {

    /** The legal path to each status, stated here independently of TestDeviceRegistry. */
    private static final Map<DeviceStatus, List<DeviceOperation>> PATHS = Map.of(
            DeviceStatus.INITIALIZING, List.of(REGISTER),
            DeviceStatus.AVAILABLE, List.of(REGISTER, MARK_AVAILABLE),
            DeviceStatus.RESERVED, List.of(REGISTER, MARK_AVAILABLE, RESERVE),
            DeviceStatus.ACTIVATED, List.of(REGISTER, MARK_AVAILABLE, ACTIVATE),
            DeviceStatus.DEACTIVATING, List.of(REGISTER, MARK_AVAILABLE, ACTIVATE, DEACTIVATE));

    private final TestDeviceRegistry registry = TestDeviceRegistry.create();

    @Test
    void aNewRegistryIsEmptyWithItsClockAtTheDocumentedStart() {
        assertThat(registry.clock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(registry.clock().instant()).isEqualTo(TestDeviceRegistry.START);
        assertThat(registry.list(DeviceQuery.builder().build()).items()).isEmpty();
        assertThat(registry.events(0, 10)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DeviceStatus.class)
    void givenDeviceDrivesANewDeviceToTheStatusThroughLegalTransitionsWithItsHistory(DeviceStatus status) {
        Device device = registry.givenDevice(status, "mediaagent", "AA-BB-CC-DD-EE-FF", "sn-1");

        assertThat(device.status()).isEqualTo(status);
        assertThat(device.mac()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(registry.get(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", "sn-1"))).isEqualTo(device);
        List<DeviceEvent> history = registry.history(DeviceRef.id(device.id()));
        assertThat(history).extracting(DeviceEvent::operation).isEqualTo(PATHS.get(status));
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).from()).isEqualTo(history.get(i - 1).to());
        }
        assertThat(history.get(history.size() - 1).to()).isEqualTo(status);
        assertThat(device.revision()).isEqualTo(history.size());
        assertThat(registry.events(0, 100)).isEqualTo(history);
    }

    @Test
    void givenDeviceAcceptsAMacOrASerialNumberAlone() {
        Device byMac = registry.givenDevice(DeviceStatus.RESERVED, "mediaagent", "fake_mac_5", null);
        Device bySerial = registry.givenDevice(DeviceStatus.ACTIVATED, "mediaagent", null, "sn");

        assertThat(registry.get(DeviceRef.identity("mediaagent", "fake_mac_5", null))).isEqualTo(byMac);
        assertThat(registry.get(DeviceRef.identity("mediaagent", null, "sn"))).isEqualTo(bySerial);
        assertThat(bySerial.serialNumber()).isEqualTo("sn");
        assertThat(bySerial.mac()).isNull();
    }

    @Test
    void givenDeviceRefusesAnIdentityThatIsAlreadyRegistered() {
        Device first = registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", null, "sn-1");

        DeviceException refused = catchThrowableOfType(DeviceException.class,
                () -> registry.givenDevice(DeviceStatus.RESERVED, "mediaagent", "aa:bb:cc:dd:ee:ff", "sn-1"));

        assertThat(refused.code()).isEqualTo(ErrorCode.DEVICE_ALREADY_REGISTERED);
        assertThat(refused.device()).contains(first);
        assertThat(registry.list(DeviceQuery.builder().build()).items()).containsExactly(first);
    }

    @Test
    void timestampsFollowTheRegistrysClock() {
        Device registered = registry.givenDevice(DeviceStatus.INITIALIZING, "mediaagent", null, "sn-1");
        registry.clock().advance(Duration.ofMinutes(3).plusNanos(1_999));

        Device available = registry.markAvailable(DeviceRef.id(registered.id()));

        assertThat(registered.createdAt()).isEqualTo(TestDeviceRegistry.START);
        assertThat(available.lastUpdatedAt()).isEqualTo(Instant.parse("2026-01-01T00:03:00.000001Z"));
    }

    @Test
    void everyRegistryOperationWorksThroughTheTestRegistry() {
        Device device = registry.register(NewDevice.builder("mediaagent").mac("aabb.ccdd.eeff").serialNumber("sn").build());
        DeviceRef ref = DeviceRef.uuid(device.uuid());

        registry.markAvailable(ref);
        assertThat(registry.reserve(new ReserveRequest("mediaagent", "aa:bb:cc:dd:ee:ff", "sn")).status())
                .isEqualTo(DeviceStatus.RESERVED);
        assertThat(registry.release(ref).status()).isEqualTo(DeviceStatus.AVAILABLE);
        assertThat(registry.reserve(ref).status()).isEqualTo(DeviceStatus.RESERVED);
        assertThat(registry.activate(new ActivateRequest("mediaagent", null, "sn", true)).status())
                .isEqualTo(DeviceStatus.ACTIVATED);
        assertThat(registry.deactivate(ref).status()).isEqualTo(DeviceStatus.DEACTIVATING);
        assertThat(registry.completeDeactivation(ref).status()).isEqualTo(DeviceStatus.AVAILABLE);
        assertThat(registry.activate(ref, false).status()).isEqualTo(DeviceStatus.ACTIVATED);
        Device updated = registry.update(ref, DeviceUpdate.builder().name("lobby").build());

        assertThat(registry.find(ref)).contains(updated);
        assertThat(registry.list(DeviceQuery.builder().status(DeviceStatus.ACTIVATED).build()).items())
                .containsExactly(updated);
        assertThat(registry.history(ref)).hasSize(9);
        assertThat(registry.events(0, 100)).isEqualTo(registry.history(ref));
        assertThat(updated.revision()).isEqualTo(10);
    }

    @Test
    void eachTestRegistryHasItsOwnStoreAndClock() {
        TestDeviceRegistry other = TestDeviceRegistry.create();
        registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", null, "sn-1");
        registry.clock().advance(Duration.ofHours(1));

        assertThat(other.find(DeviceRef.identity("mediaagent", null, "sn-1"))).isEmpty();
        assertThat(other.clock().instant()).isEqualTo(TestDeviceRegistry.START);
    }
}
