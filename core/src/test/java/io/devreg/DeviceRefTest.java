package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @Test
    void identitiesAreEqualExactlyWhenTypeMacAndSerialNumberAllAre() {
        DeviceRef ref = DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", "sn");

        assertThat(ref).isEqualTo(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", "sn"))
                .isEqualTo(DeviceRef.identity(" mediaagent", "AABB.CCDD.EEFF", "sn "))
                .isNotEqualTo(DeviceRef.identity("camera", "aa:bb:cc:dd:ee:ff", "sn"))
                .isNotEqualTo(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:fe", "sn"))
                .isNotEqualTo(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", "sn2"))
                .isNotEqualTo(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", null))
                .isNotEqualTo(DeviceRef.identity("mediaagent", null, "sn"))
                .isNotEqualTo(DeviceRef.id(1))
                .isNotEqualTo(null);
        assertThat(DeviceRef.identity("mediaagent", null, "sn")).isEqualTo(DeviceRef.identity("mediaagent", "", "sn"))
                .isNotEqualTo(DeviceRef.identity("mediaagent", "sn", null));
    }

    @Test
    void anIdentityIsACacheKeyFoundByAnyEqualIdentity() {
        Map<DeviceRef, String> cache = new HashMap<>();
        cache.put(DeviceRef.identity("mediaagent", "AA-BB-CC-DD-EE-FF", "sn"), "by mac and serial");
        cache.put(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", null), "by mac");
        cache.put(DeviceRef.identity("mediaagent", null, "sn"), "by serial");

        assertThat(cache.get(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", "sn"))).isEqualTo("by mac and serial");
        assertThat(cache.get(DeviceRef.identity(" mediaagent ", "aabbccddeeff", " "))).isEqualTo("by mac");
        assertThat(cache.get(DeviceRef.identity("mediaagent", null, "sn"))).isEqualTo("by serial");
        assertThat(cache.get(DeviceRef.identity("camera", null, "sn"))).isNull();
        assertThat(DeviceRef.identity("mediaagent", "AA-BB-CC-DD-EE-FF", "sn"))
                .hasSameHashCodeAs(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", "sn"));
    }

    /**
     * A cache keyed by identity stays a hash lookup only if identities spread over hash codes: those
     * that differ in any one value, even by one character, must not collide.
     */
    @Test
    void identitiesThatDifferInOneValueHaveDifferentHashCodes() {
        List<DeviceRef> differentTypes = List.of(DeviceRef.identity("mediaagent", "fake_mac_5", "sn"),
                DeviceRef.identity("camera", "fake_mac_5", "sn"), DeviceRef.identity("router", "fake_mac_5", "sn"),
                DeviceRef.identity("mediaagent2", "fake_mac_5", "sn"));
        List<DeviceRef> differentMacs = List.of(DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:01", "sn"),
                DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:02", "sn"),
                DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:03", "sn"),
                DeviceRef.identity("mediaagent", null, "sn"));
        List<DeviceRef> differentSerials = List.of(DeviceRef.identity("mediaagent", "fake_mac_5", "sn-1"),
                DeviceRef.identity("mediaagent", "fake_mac_5", "sn-2"),
                DeviceRef.identity("mediaagent", "fake_mac_5", "sn-3"),
                DeviceRef.identity("mediaagent", "fake_mac_5", null));

        for (List<DeviceRef> refs : List.of(differentTypes, differentMacs, differentSerials)) {
            assertThat(refs.stream().map(DeviceRef::hashCode).distinct()).as("hash codes of %s", refs)
                    .hasSameSizeAs(refs);
        }
    }

    /** U+001F and U+007F are control characters on either side of printable ASCII; U+0020 and U+007E are not. */
    @ParameterizedTest
    @ValueSource(strings = {"\u001f", "\u007f"})
    void anIdentityWithAControlCharacterAtEitherEndOfPrintableAsciiIsRefused(String control) {
        String value = "a" + control + "b";

        assertThat(invalidIdentity(value, null, "sn").errors()).containsOnlyKeys("type");
        assertThat(invalidIdentity("mediaagent", value, null).errors()).containsOnlyKeys("mac");
        assertThat(invalidIdentity("mediaagent", null, value).errors())
                .containsExactly(entry("serial_number", List.of("must not contain control characters")));
    }

    private static ValidationException invalidIdentity(String type, String mac, String serialNumber) {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> DeviceRef.identity(type, mac, serialNumber));
        assertThat(e).as("the ValidationException of identity(%s, %s, %s)", type, mac, serialNumber).isNotNull();
        return e;
    }

    @Test
    void anIdentityMayUseEveryPrintableAsciiCharacter() {
        for (char c = ' '; c <= '~'; c++) {
            DeviceRef.ByIdentity ref = (DeviceRef.ByIdentity) DeviceRef.identity("t" + c + "t", "m" + c + "m", "s" + c + "s");

            assertThat(ref).as("U+%04X", (int) c)
                    .extracting(DeviceRef.ByIdentity::type, DeviceRef.ByIdentity::mac, DeviceRef.ByIdentity::serialNumber)
                    .containsExactly("t" + c + "t", "m" + c + "m", "s" + c + "s");
        }
    }
}
