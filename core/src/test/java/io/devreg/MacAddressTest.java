package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    private static final String CANONICAL = "0a:1b:2c:3d:4e:5f";

    @ParameterizedTest
    @ValueSource(strings = {
            "0a:1b:2c:3d:4e:5f", "0A:1B:2C:3D:4E:5F", "0a:1B:2c:3D:4e:5F",
            "0a-1b-2c-3d-4e-5f", "0A-1B-2C-3D-4E-5F",
            "0a1b.2c3d.4e5f", "0A1B.2C3D.4E5F",
            "0a1b2c3d4e5f", "0A1B2C3D4E5F", "0a1B2c3D4e5F"})
    void anEui48InAnyNotationAndCaseBecomesLowerCaseColonForm(String notation) {
        assertThat(MacAddress.isEui48(notation)).isTrue();
        assertThat(MacAddress.canonical(notation)).isEqualTo(CANONICAL);
    }

    @Test
    void theCanonicalFormIsItsOwnCanonicalForm() {
        assertThat(MacAddress.canonical(MacAddress.canonical("0A-1B-2C-3D-4E-5F"))).isEqualTo(CANONICAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0a.1b.2c.3d.4e.5f",     // dots belong between groups of four
            "0a1b:2c3d:4e5f",        // colons belong between pairs
            "0a1b-2c3d-4e5f",
            "0a_1b_2c_3d_4e_5f",
            "0a 1b 2c 3d 4e 5f",
            "0a:1b-2c:3d-4e:5f",     // mixed separators
            "0a:1b:2c:3d:4e-5f",
            "0a1b.2c3d-4e5f",
            "0a:1b:2c:3d:4e:5g",     // not hex
            "0a1b2c3d4e5z",
            "0a:1b:2c:3d:4e:5",      // too short
            "0a:1b:2c:3d:4e:5f:60",  // EUI-64 is not an EUI-48
            "0a1b2c3d4e5f6",
            ":0a:1b:2c:3d:4e:5f",
            "0a:1b:2c:3d:4e:5f:",
            "0a::1b:2c:3d:4e:5f",
            "fake_mac_5",
            "mac"})
    void anyOtherValueIsKeptAsGiven(String value) {
        assertThat(MacAddress.isEui48(value)).isFalse();
        assertThat(MacAddress.canonical(value)).isSameAs(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u0660a:1b:2c:3d:4e:5f",   // ARABIC-INDIC DIGIT ZERO is a digit, but not a hex digit of a MAC
            "0a:1b:2c:3d:4e:5\u0661",
            "\uff10a:1b:2c:3d:4e:5f",   // FULLWIDTH DIGIT ZERO
            "\uff21a1b2c3d4e5f",        // FULLWIDTH LATIN CAPITAL LETTER A
            "0a1b2c3d4e5\uff46",        // FULLWIDTH LATIN SMALL LETTER F
            "\u0966a1b.2c3d.4e5f"})     // DEVANAGARI DIGIT ZERO
    void nonAsciiDigitsAndLettersDoNotMakeAnEui48(String value) {
        assertThat(MacAddress.isEui48(value)).isFalse();
        assertThat(MacAddress.canonical(value)).isSameAs(value);
    }

    @Test
    void theSeedsOpaqueMacIsKeptAsGivenThroughARegistration() {
        NewDevice device = NewDevice.builder("mediaagent").mac("fake_mac_5").build();

        assertThat(device.mac()).isEqualTo("fake_mac_5");
    }

    @Test
    void aMacIsStrippedBeforeItIsRecognised() {
        NewDevice device = NewDevice.builder("mediaagent").mac("  0A1B.2C3D.4E5F\t").build();

        assertThat(device.mac()).isEqualTo(CANONICAL);
    }

    /**
     * Characters just past ASCII look like nothing special, but they are where a lookup table of
     * ASCII ends: U+0080 and U+009F are C1 control characters, U+00A0 is a no-break space (which
     * strip() keeps), U+00E1 and U+00FF letters. None is a hex digit, in any position of any notation.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u0080", "\u009f", "\u00a0", "\u00e1", "\u00ff", "\u0100"})
    void aCharacterJustPastAsciiIsNoHexDigit(String c) {
        for (String value : new String[] {
                c + "a:1b:2c:3d:4e:5f", "0a:1b:2c:3d:4e:5" + c, "0a:1b:2c" + c + "3d:4e:5f",
                c + "a-1b-2c-3d-4e-5f", c + "a1b.2c3d.4e5f", "0a1b" + c + "2c3d" + c + "4e5f", c + "a1b2c3d4e5f"}) {
            assertThat(MacAddress.isEui48(value)).as(value).isFalse();
            assertThat(MacAddress.canonical(value)).as(value).isSameAs(value);
        }
    }

    @Test
    void aMacWithAC1ControlCharacterIsRefusedAsAControlCharacterWhereverItIsLookedUpOrRegistered() {
        String mac = "\u0080a:1b:2c:3d:4e:5f";

        ValidationException registered = catchThrowableOfType(ValidationException.class,
                () -> NewDevice.builder("mediaagent").mac(mac).build());
        ValidationException lookedUp = catchThrowableOfType(ValidationException.class,
                () -> DeviceRef.identity("mediaagent", mac, null));

        assertThat(registered.errors()).containsExactly(entry("mac", List.of("must not contain control characters")));
        assertThat(lookedUp.errors()).containsExactly(entry("mac", List.of("must not contain control characters")));
    }

    @Test
    void aMacWithALetterJustPastAsciiIsKeptAsGivenWhereverItIsLookedUpOrRegistered() {
        String mac = "\u00e1a:1b:2c:3d:4e:5f";

        assertThat(NewDevice.builder("mediaagent").mac(mac).build().mac()).isEqualTo(mac);
        assertThat(((DeviceRef.ByIdentity) DeviceRef.identity("mediaagent", mac, null)).mac()).isEqualTo(mac);
    }
}
