package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceQuery;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** uuid, (type, mac) and (type, serial number) are each unique; a duplicate stores nothing. */
abstract class UniquenessSpec extends StoreSpec {

    private static final UUID UUID_1 = UUID.fromString("00000000-0000-4000-8000-0000000000a1");

    private Device existing() {
        tick();
        return registry.register(NewDevice.builder("mediaagent").uuid(UUID_1).mac("aa:bb:cc:dd:ee:01")
                .serialNumber("sn-1").name("first").build());
    }

    private void assertDuplicateRefused(Device existing, NewDevice.Builder duplicate) {
        List<Device> devicesBefore = registry.list(DeviceQuery.builder().build()).items();
        List<DeviceEvent> feedBefore = feed();
        tick();

        DeviceException refused = assertRefused(ErrorCode.DEVICE_ALREADY_REGISTERED,
                () -> registry.register(duplicate.build()));

        assertThat(refused.device()).contains(existing);
        assertThat(registry.list(DeviceQuery.builder().build()).items()).isEqualTo(devicesBefore);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void aDuplicateUuidIsRefusedWithTheExistingDevice() {
        Device existing = existing();

        assertDuplicateRefused(existing, NewDevice.builder("camera").uuid(UUID_1).mac("aa:bb:cc:dd:ee:02"));
    }

    @Test
    void aDuplicateTypeAndMacIsRefusedWithTheExistingDeviceInAnyNotation() {
        Device existing = existing();

        assertDuplicateRefused(existing, NewDevice.builder("mediaagent").mac("aa:bb:cc:dd:ee:01"));
        assertDuplicateRefused(existing, NewDevice.builder("mediaagent").mac("AABB.CCDD.EE01").serialNumber("sn-9"));
    }

    @Test
    void aDuplicateTypeAndSerialNumberIsRefusedWithTheExistingDevice() {
        Device existing = existing();

        assertDuplicateRefused(existing, NewDevice.builder("mediaagent").serialNumber("sn-1"));
        assertDuplicateRefused(existing, NewDevice.builder("mediaagent").mac("aa:bb:cc:dd:ee:09").serialNumber(" sn-1"));
    }

    @Test
    void theExistingDeviceIsReportedInItsCurrentState() {
        Device first = existing();
        tick();
        registry.markAvailable(io.devreg.DeviceRef.id(first.id()));
        Device current = registry.reserve(io.devreg.DeviceRef.id(first.id()));

        assertDuplicateRefused(current, NewDevice.builder("mediaagent").serialNumber("sn-1"));
    }

    @Test
    void theSameMacOrSerialNumberUnderAnotherTypeIsADifferentDevice() {
        Device existing = existing();
        tick();

        Device camera = registry.register(NewDevice.builder("camera").mac("aa:bb:cc:dd:ee:01").serialNumber("sn-1").build());

        assertThat(camera.id()).isGreaterThan(existing.id());
        assertThat(registry.list(DeviceQuery.builder().build()).items()).containsExactly(existing, camera);
    }

    @Test
    void absentMacsAndSerialNumbersNeverCollide() {
        Device a = given(DeviceStatus.INITIALIZING, "mediaagent", null, "sn-1");
        Device b = given(DeviceStatus.INITIALIZING, "mediaagent", null, "sn-2");
        Device c = given(DeviceStatus.INITIALIZING, "mediaagent", "aa:bb:cc:dd:ee:01", null);
        Device d = given(DeviceStatus.INITIALIZING, "mediaagent", "aa:bb:cc:dd:ee:02", "  ");

        assertThat(d.serialNumber()).isNull();
        assertThat(registry.list(DeviceQuery.builder().build()).items()).containsExactly(a, b, c, d);
    }

    @Test
    void aMacOrSerialNumberThatDiffersOnlyInCaseIsDifferent() {
        Device existing = given(DeviceStatus.INITIALIZING, "mediaagent", "fake_mac_5", "sn-1");

        Device other = given(DeviceStatus.INITIALIZING, "mediaagent", "FAKE_MAC_5", "SN-1");

        assertThat(other.id()).isNotEqualTo(existing.id());
    }

    @Test
    void idsIncreaseInRegistrationOrderAndARefusedRegistrationDoesNotDisturbThat() {
        Device first = existing();
        tick();
        assertRefused(ErrorCode.DEVICE_ALREADY_REGISTERED,
                () -> registry.register(NewDevice.builder("mediaagent").serialNumber("sn-1").build()));
        Device second = given(DeviceStatus.INITIALIZING, 2);
        Device third = given(DeviceStatus.INITIALIZING, 3);

        assertThat(first.id()).isPositive();
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(third.id()).isGreaterThan(second.id());
    }
}
