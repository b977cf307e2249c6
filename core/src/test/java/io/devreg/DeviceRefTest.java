package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceRefTest {

    @Test
    void anIdReferenceNamesAPositiveId() {
        assertThat(DeviceRef.id(1)).isEqualTo(new DeviceRef.ById(1));
        assertThat(DeviceRef.id(Long.MAX_VALUE)).hasToString("id " + Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void anIdReferenceToANonPositiveIdIsRefused(long id) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> DeviceRef.id(id));

        assertThat(e.errors()).containsOnlyKeys("id");
    }

    @Test
    void aUuidReferenceNamesItsUuid() {
        UUID uuid = UUID.fromString("7a593d26-8cfd-47e9-8647-1fb18a36fedb");

        assertThat(DeviceRef.uuid(uuid)).isEqualTo(new DeviceRef.ByUuid(uuid));
        assertThat(DeviceRef.uuid(uuid)).hasToString("uuid 7a593d26-8cfd-47e9-8647-1fb18a36fedb");
    }

    @Test
    void anIdentityIsStrippedAndItsMacCanonical() {
        DeviceRef ref = DeviceRef.identity(" mediaagent ", " AA-BB-CC-DD-EE-FF ", " sn ");

        assertThat(ref).isEqualTo(new DeviceRef.ByIdentity("mediaagent", "aa:bb:cc:dd:ee:ff", "sn"));
        assertThat(ref).hasToString("type mediaagent, mac aa:bb:cc:dd:ee:ff, serial_number sn");
    }

    @Test
    void anIdentityNeedsOnlyAMacOrASerialNumber() {
        assertThat((DeviceRef.ByIdentity) DeviceRef.identity("mediaagent", "fake_mac_5", null))
                .extracting(DeviceRef.ByIdentity::mac, DeviceRef.ByIdentity::serialNumber)
                .containsExactly("fake_mac_5", null);
        assertThat((DeviceRef.ByIdentity) DeviceRef.identity("mediaagent", " ", "sn"))
                .extracting(DeviceRef.ByIdentity::mac, DeviceRef.ByIdentity::serialNumber)
                .containsExactly(null, "sn");
    }

    @Test
    void anIdentityWithoutMacAndSerialNumberIsRefusedOnBothKeys() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> DeviceRef.identity("mediaagent", null, " "));

        assertThat(e.errors()).containsOnlyKeys("mac", "serial_number");
    }

    @Test
    void anIdentityReportsEveryInvalidFieldAtOnce() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> DeviceRef.identity(null, "m".repeat(65), "s\u0000"));

        assertThat(e.errors()).containsOnlyKeys("type", "mac", "serial_number");
        assertThat(e.errors().get("type")).containsExactly("is required");
    }

    @Test
    void theSeedsReserveRequestNamesTheDeviceByIdentity() {
        ReserveRequest request = new ReserveRequest("mediaagent", "fake_mac_5", "sn");

        assertThat(request.ref()).isEqualTo(DeviceRef.identity("mediaagent", "fake_mac_5", "sn"));
    }

    @Test
    void anEmptyReserveRequestIsRefusedOnEveryKey() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> new ReserveRequest(null, null, null).ref());

        assertThat(e.errors()).containsOnlyKeys("type", "mac", "serial_number");
    }

    @Test
    void anActivateRequestValidatesLikeAReserveRequest() {
        assertThat(new ActivateRequest(" mediaagent", "AABBCCDDEEFF", null, true).ref())
                .isEqualTo(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", null));
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> new ActivateRequest("", "", "", false).ref());
        assertThat(e.errors()).containsOnlyKeys("type", "mac", "serial_number");
    }
}
