package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding a device by id, by uuid and by identity; unknown devices. */
abstract class LookupSpec extends StoreSpec {

    @Test
    void aDeviceIsFoundByItsIdItsUuidAndEachPartOfItsIdentity() {
        Device device = given(DeviceStatus.AVAILABLE, "mediaagent", "aa:bb:cc:dd:ee:01", "sn-1");
        given(DeviceStatus.AVAILABLE, "mediaagent", "aa:bb:cc:dd:ee:02", "sn-2");

        for (DeviceRef ref : List.of(DeviceRef.id(device.id()), DeviceRef.uuid(device.uuid()),
                DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:01", null),
                DeviceRef.identity("mediaagent", null, "sn-1"),
                DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:01", "sn-1"))) {
            assertThat(registry.find(ref)).as("find(%s)", ref).contains(device);
            assertThat(registry.get(ref)).as("get(%s)", ref).isEqualTo(device);
        }
    }

    @Test
    void anIdentityWithMacAndSerialNumberMatchesOnlyADeviceWithBoth() {
        given(DeviceStatus.AVAILABLE, "mediaagent", "aa:bb:cc:dd:ee:01", "sn-1");
        given(DeviceStatus.AVAILABLE, "mediaagent", "aa:bb:cc:dd:ee:02", "sn-2");

        for (DeviceRef ref : List.of(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:01", "sn-2"),
                DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:02", "sn-1"),
                DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:01", "sn-3"),
                DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:03", "sn-1"))) {
            assertThat(registry.find(ref)).as("find(%s)", ref).isEmpty();
            assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> registry.reserve(ref));
        }
    }

    @Test
    void anIdentityWithMacAndSerialNumberDoesNotMatchADeviceThatHasNoSerialNumber() {
        Device device = given(DeviceStatus.AVAILABLE, "mediaagent", "aa:bb:cc:dd:ee:01", null);

        assertThat(registry.find(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:01", "sn-1"))).isEmpty();
        assertThat(registry.find(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:01", null))).contains(device);
    }

    @Test
    void theTypeIsPartOfTheIdentity() {
        given(DeviceStatus.AVAILABLE, "mediaagent", "aa:bb:cc:dd:ee:01", "sn-1");

        assertThat(registry.find(DeviceRef.identity("camera", "aa:bb:cc:dd:ee:01", null))).isEmpty();
        assertThat(registry.find(DeviceRef.identity("camera", null, "sn-1"))).isEmpty();
        assertThat(registry.find(DeviceRef.identity("MEDIAAGENT", null, "sn-1"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AA:BB:CC:DD:EE:0F", "aa:bb:cc:dd:ee:0f", "aa-bb-cc-dd-ee-0f", "AA-BB-CC-DD-EE-0F",
            "aabb.ccdd.ee0f", "AABB.CCDD.EE0F", "aabbccddee0f", "AaBbCcDdEe0F", " aabbccddee0f "})
    void everyEui48NotationFindsTheDeviceByItsCanonicalMac(String notation) {
        Device device = given(DeviceStatus.AVAILABLE, "mediaagent", "AABBCCDDEE0F", null);

        assertThat(device.mac()).isEqualTo("aa:bb:cc:dd:ee:0f");
        assertThat(registry.find(DeviceRef.identity("mediaagent", notation, null))).contains(device);
        assertThat(registry.find(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:0e", null))).isEmpty();
    }

    @Test
    void aMacThatIsNoEui48IsStoredAndMatchedExactlyAsGiven() {
        Device device = given(DeviceStatus.AVAILABLE, "mediaagent", "fake_mac_5", "sn");

        assertThat(device.mac()).isEqualTo("fake_mac_5");
        assertThat(registry.get(DeviceRef.identity("mediaagent", " fake_mac_5 ", null))).isEqualTo(device);
        assertThat(registry.find(DeviceRef.identity("mediaagent", "FAKE_MAC_5", null))).isEmpty();
        assertThat(registry.find(DeviceRef.identity("mediaagent", "fake_mac_", null))).isEmpty();
    }

    @Test
    void anUnknownDeviceIsAbsentForFindAndNotFoundForGetAndHistory() {
        Device device = given(DeviceStatus.AVAILABLE, 1);

        for (DeviceRef ref : List.of(DeviceRef.id(device.id() + 1), DeviceRef.id(Long.MAX_VALUE),
                DeviceRef.uuid(new UUID(device.uuid().getMostSignificantBits(), device.uuid().getLeastSignificantBits() + 1)),
                DeviceRef.identity("router", "02:00:00:00:00:02", null),
                DeviceRef.identity("router", null, "sn-2"))) {
            assertThat(registry.find(ref)).as("find(%s)", ref).isEmpty();
            assertThat(assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> registry.get(ref)).device()).isEmpty();
            assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> registry.history(ref));
        }
    }

    @Test
    void anEmptyStoreFindsNothing() {
        assertThat(registry.find(DeviceRef.id(1))).isEmpty();
        assertThat(registry.find(DeviceRef.identity("router", "fake", "sn"))).isEmpty();
        assertThat(registry.events(0, 10)).isEmpty();
    }

    @Test
    void aDeviceIsStoredExactlyAsRegisteredWithEveryFieldAtItsLongestAndInAnyScript() {
        tick();
        String name = "Ünïcødé 名前 😀 ";
        Device registered = registry.register(NewDevice.builder("t".repeat(63) + "ü")
                .uuid(UUID.fromString("7a593d26-8cfd-47e9-8647-1fb18a36fedb"))
                .mac("m".repeat(63) + "é")
                .serialNumber("序".repeat(128))
                .name(name + "n".repeat(255 - name.length()))
                .version("v".repeat(64))
                .online(true)
                .build());

        assertThat(registry.get(DeviceRef.id(registered.id()))).isEqualTo(registered);
        assertThat(registry.get(DeviceRef.uuid(registered.uuid()))).isEqualTo(registered);
        assertThat(registry.get(DeviceRef.identity(registered.type(), registered.mac(), registered.serialNumber())))
                .isEqualTo(registered);
        assertThat(registered.name()).hasSize(255);
        assertThat(registered.online()).isTrue();
    }
}
