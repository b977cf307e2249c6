package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of API.md's Validation section, as {@link NewDevice.Builder#build()} applies it. */
class NewDeviceTest {

    /** Sets one field of a builder, by its wire name. */
    private record Field(String wireName, int limit, BiFunction<NewDevice.Builder, String, NewDevice.Builder> set) {
        @Override
        public String toString() {
            return wireName;
        }
    }

    // The limits of API.md, stated independently of DeviceField.
    private static final List<Field> OPTIONAL_FIELDS = List.of(
            new Field("mac", 64, NewDevice.Builder::mac),
            new Field("serial_number", 128, NewDevice.Builder::serialNumber),
            new Field("name", 255, NewDevice.Builder::name),
            new Field("version", 64, NewDevice.Builder::version));

    static Stream<Field> optionalFields() {
        return OPTIONAL_FIELDS.stream();
    }

    static Stream<Arguments> controlCharacters() {
        return Stream.of("\u0000", "\u0007", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u009f")
                .map(c -> Arguments.of(c, "U+%04X".formatted((int) c.charAt(0))));
    }

    @Test
    void aDeviceKeepsEveryValueItWasBuiltWith() {
        UUID uuid = UUID.fromString("7a593d26-8cfd-47e9-8647-1fb18a36fedb");

        NewDevice device = NewDevice.builder("mediaagent").uuid(uuid).mac("fake_mac_5").serialNumber("sn")
                .name("Living room").version("1.1.1.1").online(true).build();

        assertThat(device.type()).isEqualTo("mediaagent");
        assertThat(device.uuid()).isEqualTo(uuid);
        assertThat(device.mac()).isEqualTo("fake_mac_5");
        assertThat(device.serialNumber()).isEqualTo("sn");
        assertThat(device.name()).isEqualTo("Living room");
        assertThat(device.version()).isEqualTo("1.1.1.1");
        assertThat(device.online()).isTrue();
    }

    @Test
    void aDeviceWithOnlyATypeHasARandomUuidAndNothingElse() {
        NewDevice first = NewDevice.builder("mediaagent").build();
        NewDevice second = NewDevice.builder("mediaagent").build();

        assertThat(first.uuid()).isNotEqualTo(second.uuid());
        assertThat(first.mac()).isNull();
        assertThat(first.serialNumber()).isNull();
        assertThat(first.name()).isNull();
        assertThat(first.version()).isNull();
        assertThat(first.online()).isFalse();
    }

    @Test
    void aRegisteredDeviceStartsInitializingAtRevisionOne() {
        Instant at = Instant.parse("2026-01-02T03:04:05.123456Z");
        NewDevice device = NewDevice.builder("mediaagent").mac("AA-BB-CC-DD-EE-FF").online(true).build();

        Device registered = device.toDevice(7, at);

        assertThat(registered).isEqualTo(new Device(7, "mediaagent", device.uuid(), null, "aa:bb:cc:dd:ee:ff",
                DeviceStatus.INITIALIZING, null, null, at, at, true, 1));
    }

    @Test
    void theTypeIsRequired() {
        ValidationException e = invalid(NewDevice.builder(null));

        assertThat(e.errors()).containsOnlyKeys("type");
        assertThat(e.errors().get("type")).containsExactly("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u2003", "\u3000 "})
    void theTypeMustNotBeBlank(String blank) {
        ValidationException e = invalid(NewDevice.builder(blank));

        assertThat(e.errors()).containsOnlyKeys("type");
        assertThat(e.errors().get("type")).containsExactly("must not be blank");
    }

    @Test
    void theTypeMayHaveSixtyFourCharactersButNotSixtyFive() {
        assertThat(NewDevice.builder("t".repeat(64)).build().type()).hasSize(64);

        ValidationException e = invalid(NewDevice.builder("t".repeat(65)));
        assertThat(e.errors()).containsOnlyKeys("type");
        assertThat(e.errors().get("type")).containsExactly("must be at most 64 characters");
    }

    @ParameterizedTest
    @MethodSource("optionalFields")
    void anOptionalFieldMayHaveExactlyItsLimit(Field field) {
        NewDevice device = field.set().apply(NewDevice.builder("mediaagent"), "x".repeat(field.limit())).build();

        assertThat(valueOf(device, field.wireName())).hasSize(field.limit());
    }

    @ParameterizedTest
    @MethodSource("optionalFields")
    void anOptionalFieldOverItsLimitIsReportedUnderItsWireName(Field field) {
        ValidationException e = invalid(field.set().apply(NewDevice.builder("mediaagent"), "x".repeat(field.limit() + 1)));

        assertThat(e.errors()).containsOnlyKeys(field.wireName());
        assertThat(e.errors().get(field.wireName())).containsExactly("must be at most " + field.limit() + " characters");
    }

    @ParameterizedTest
    @MethodSource("optionalFields")
    void theLimitCountsTheValueAfterStripping(Field field) {
        String padded = "  " + "x".repeat(field.limit()) + "\t ";

        NewDevice device = field.set().apply(NewDevice.builder("mediaagent"), padded).build();

        assertThat(valueOf(device, field.wireName())).isEqualTo("x".repeat(field.limit()));
    }

    @ParameterizedTest
    @MethodSource("optionalFields")
    void aBlankOptionalFieldCountsAsAbsent(Field field) {
        NewDevice device = field.set().apply(NewDevice.builder("mediaagent"), " \t ").build();

        assertThat(valueOf(device, field.wireName())).isNull();
    }

    @ParameterizedTest
    @MethodSource("optionalFields")
    void everyFieldIsStripped(Field field) {
        NewDevice device = field.set().apply(NewDevice.builder(" \u2003mediaagent\n"), "\t fake_mac_5 \r\n").build();

        assertThat(device.type()).isEqualTo("mediaagent");
        assertThat(valueOf(device, field.wireName())).isEqualTo("fake_mac_5");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("controlCharacters")
    void noFieldMayContainAControlCharacter(String control, String codePoint) {
        String value = "a" + control + "b";
        NewDevice.Builder builder = NewDevice.builder(value);
        OPTIONAL_FIELDS.forEach(field -> field.set().apply(builder, value));

        ValidationException e = invalid(builder);

        assertThat(e.errors()).containsOnlyKeys("type", "mac", "serial_number", "name", "version");
        assertThat(e.errors().values()).allSatisfy(reasons ->
                assertThat(reasons).containsExactly("must not contain control characters"));
    }

    @Test
    void aLoneSurrogateIsNotText() {
        ValidationException e = invalid(NewDevice.builder("media\ud800agent").name("x\udc00"));

        assertThat(e.errors()).containsOnlyKeys("type", "name");
    }

    @Test
    void aSurrogatePairIsText() {
        NewDevice device = NewDevice.builder("mediaagent").name("TV \ud83d\udcfa").build();

        assertThat(device.name()).isEqualTo("TV \ud83d\udcfa");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnceInFieldOrder() {
        ValidationException e = invalid(NewDevice.builder(" ")
                .mac("m".repeat(65))
                .serialNumber("s".repeat(129))
                .name("n\u0000")
                .version("v".repeat(65)));

        assertThat(e.errors()).containsOnlyKeys("type", "mac", "serial_number", "name", "version");
        assertThat(e.errors().keySet()).containsExactly("type", "mac", "serial_number", "name", "version");
    }

    @Test
    void aFieldThatBreaksTwoRulesReportsBoth() {
        ValidationException e = invalid(NewDevice.builder("mediaagent").name("\u0000".repeat(256)));

        assertThat(e.errors().get("name")).containsExactlyInAnyOrder(
                "must not contain control characters", "must be at most 255 characters");
    }

    @Test
    void devicesBuiltFromTheSameNormalizedValuesAreEqual() {
        UUID uuid = UUID.fromString("7a593d26-8cfd-47e9-8647-1fb18a36fedb");

        NewDevice device = NewDevice.builder("mediaagent").uuid(uuid).mac("AA-BB-CC-DD-EE-FF").serialNumber(" sn")
                .name("hall").version("1.1.1.1").online(true).build();

        assertThat(device).isEqualTo(NewDevice.builder(" mediaagent ").uuid(uuid).mac("aa:bb:cc:dd:ee:ff")
                        .serialNumber("sn").name("hall ").version("1.1.1.1").online(true).build())
                .hasSameHashCodeAs(NewDevice.builder(" mediaagent ").uuid(uuid).mac("aa:bb:cc:dd:ee:ff")
                        .serialNumber("sn").name("hall ").version("1.1.1.1").online(true).build())
                .isNotEqualTo(null)
                .isNotEqualTo(device.toDevice(1, Instant.EPOCH));
    }

    @Test
    void devicesThatDifferInOneValueAreDifferentAndHashDifferently() {
        UUID uuid = UUID.fromString("7a593d26-8cfd-47e9-8647-1fb18a36fedb");
        Function<String, NewDevice.Builder> base = type -> NewDevice.builder(type).uuid(uuid).mac("fake_mac_5")
                .serialNumber("sn").name("hall").version("1.1.1.1");
        List<NewDevice> devices = List.of(
                base.apply("mediaagent").build(),
                base.apply("camera").build(),
                base.apply("mediaagent").uuid(new UUID(1, 2)).build(),
                base.apply("mediaagent").mac("fake_mac_6").build(),
                base.apply("mediaagent").mac(null).build(),
                base.apply("mediaagent").serialNumber("sn2").build(),
                base.apply("mediaagent").serialNumber(null).build(),
                base.apply("mediaagent").name("kitchen").build(),
                base.apply("mediaagent").name(null).build(),
                base.apply("mediaagent").version("1.1.1.2").build(),
                base.apply("mediaagent").version(null).build(),
                base.apply("mediaagent").online(true).build());

        for (int i = 0; i < devices.size(); i++) {
            for (int j = 0; j < devices.size(); j++) {
                if (i != j) {
                    assertThat(devices.get(i)).isNotEqualTo(devices.get(j));
                }
            }
        }
        assertThat(devices.stream().map(NewDevice::hashCode).distinct()).hasSameSizeAs(devices);
    }

    @Test
    void aDeviceDescribesEveryValue() {
        NewDevice device = NewDevice.builder("mediaagent").uuid(UUID.fromString("7a593d26-8cfd-47e9-8647-1fb18a36fedb"))
                .mac("fake_mac_5").serialNumber("sn").name("hall").version("1.1.1.1").online(true).build();

        assertThat(device.toString()).contains("mediaagent", "7a593d26-8cfd-47e9-8647-1fb18a36fedb", "fake_mac_5",
                "sn", "hall", "1.1.1.1", "true");
    }

    private static ValidationException invalid(NewDevice.Builder builder) {
        return catchThrowableOfType(ValidationException.class, builder::build);
    }

    private static String valueOf(NewDevice device, String wireName) {
        return switch (wireName) {
            case "mac" -> device.mac();
            case "serial_number" -> device.serialNumber();
            case "name" -> device.name();
            case "version" -> device.version();
            default -> throw new IllegalArgumentException(wireName);
        };
    }
}
