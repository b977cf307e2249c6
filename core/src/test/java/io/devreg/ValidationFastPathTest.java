package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.devreg.spi.Transition;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every lookup by identity validates and canonicalizes its values, so validation has allocation-free
 * fast paths for valid input. These tests pin that the fast paths decide exactly as the plain rules
 * (stated here independently) do.
 */
class ValidationFastPathTest {

    private static final long EUI48_MAX = (1L << 48) - 1;

    @Test
    void aCanonicalMacIsReturnedAsTheSameInstance() {
        String mac = new String("0a:1b:2c:3d:4e:5f");

        assertThat(MacAddress.canonical(mac)).isSameAs(mac);
    }

    @Test
    void everyNotationOfAnEui48CanonicalizesToLowerCaseColonForm() {
        qt().forAll(longs().between(0, EUI48_MAX), booleans().all())
                .checkAssert((value, upperCase) -> {
                    String hex = String.format(Locale.ROOT, "%012x", value);
                    String canonical = String.join(":", hex.split("(?<=\\G..)"));
                    String digits = upperCase ? hex.toUpperCase(Locale.ROOT) : hex;
                    for (String notation : new String[] {
                            String.join(":", digits.split("(?<=\\G..)")),
                            String.join("-", digits.split("(?<=\\G..)")),
                            String.join(".", digits.split("(?<=\\G....)")),
                            digits}) {
                        assertThat(MacAddress.canonical(notation)).as(notation).isEqualTo(canonical);
                        assertThat(MacAddress.isEui48(notation)).as(notation).isTrue();
                    }
                });
    }

    @Test
    void aValueThatIsNotAnEui48IsKeptAsGiven() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 20))
                .assuming(value -> !value.matches("(?i)[0-9a-f]{12}|([0-9a-f]{2}[:-]){5}[0-9a-f]{2}"
                        + "|[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}"))
                .checkAssert(value -> {
                    assertThat(MacAddress.canonical(value)).isSameAs(value);
                    assertThat(MacAddress.isEui48(value)).isFalse();
                });
    }

    @Test
    void aFieldIsRefusedExactlyWhenItHasAControlCharacterOrAnUnpairedSurrogate() {
        qt().forAll(strings().allPossible().ofLengthBetween(1, 12))
                .checkAssert(raw -> {
                    String value = raw.strip();
                    boolean control = value.codePoints().anyMatch(Character::isISOControl);
                    boolean unpaired = value.codePoints().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF);
                    if (value.isEmpty() || !(control || unpaired)) {
                        NewDevice device = NewDevice.builder("type").name(raw).build();
                        assertThat(device.name()).isEqualTo(value.isEmpty() ? null : value);
                        return;
                    }
                    assertThatThrownBy(() -> NewDevice.builder("type").name(raw).build())
                            .isInstanceOfSatisfying(ValidationException.class, e -> {
                                assertThat(e.errors()).containsOnlyKeys("name");
                                assertThat(e.errors().get("name")).hasSize((control ? 1 : 0) + (unpaired ? 1 : 0));
                            });
                });
    }

    @Test
    void aTransitionMadeFromARuleSharesTheRulesStatusesInsteadOfCopyingThem() {
        TransitionTable.Rule rule = TransitionTable.rule(DeviceOperation.ACTIVATE, true);

        Transition transition = Transition.of(rule);

        assertThat(transition.from()).isSameAs(rule.from())
                .containsExactlyInAnyOrder(DeviceStatus.AVAILABLE, DeviceStatus.RESERVED);
    }
    @Test
    void anIdentityTakesTheNormalizedFastPathOnlyWhenTheGeneralChecksWouldReturnItUnchanged() {
        qt().forAll(HostileStrings.any(), HostileStrings.any(), HostileStrings.any())
                .checkAssert((type, mac, serialNumber) -> {
                    FieldErrors errors = new FieldErrors();
                    FieldErrors.Identity general = errors.identity(type, mac, serialNumber);
                    boolean unchanged = general.type() == type && general.mac() == mac
                            && general.serialNumber() == serialNumber;
                    boolean accepted = unchanged;
                    try {
                        errors.throwIfAny();
                    } catch (ValidationException e) {
                        accepted = false;
                    }
                    if (FieldErrors.isNormalIdentity(type, mac, serialNumber)) {
                        assertThat(accepted).as("fast path taken, so the general checks accept the values as they are")
                                .isTrue();
                    }
                });
    }

    @Test
    void anIdentityAsDevregHandsItOutTakesTheFastPathAndStaysEqualToItsGeneralForm() {
        qt().forAll(longs().between(0, EUI48_MAX), strings().basicLatinAlphabet().ofLengthBetween(1, 20))
                .assuming((value, type) -> !type.isBlank() && type.strip().equals(type))
                .checkAssert((value, type) -> {
                    String hex = String.format(Locale.ROOT, "%012x", value);
                    String mac = String.join(":", hex.split("(?<=\\G..)"));

                    DeviceRef.ByIdentity ref = new DeviceRef.ByIdentity(type, mac, null);

                    assertThat(FieldErrors.isNormalIdentity(type, mac, null)).isTrue();
                    assertThat(ref.mac()).isSameAs(mac);
                    assertThat(ref).isEqualTo(DeviceRef.identity(" " + type + " ", mac.toUpperCase(Locale.ROOT), " "))
                            .hasSameHashCodeAs(DeviceRef.identity(" " + type + " ", mac.toUpperCase(Locale.ROOT), " "));
                });
    }
}
