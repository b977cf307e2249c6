package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;

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
}
