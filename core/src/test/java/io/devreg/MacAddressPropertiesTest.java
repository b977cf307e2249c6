package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Canonical MAC form: idempotent, and the same for every notation and letter case of one EUI-48. */
class MacAddressPropertiesTest {

    private static final int EXAMPLES = 2_000;

    /** Six random bytes: one EUI-48. */
    private static Gen<List<Integer>> eui48() {
        return lists().of(integers().between(0, 255)).ofSize(6);
    }

    /** Which letters of a rendering are upper case: one random bit per hex digit. */
    private static Gen<List<Boolean>> letterCases() {
        return lists().of(Generate.booleans()).ofSize(12);
    }

    @Test
    void everyNotationAndCaseOfOneEui48HasTheSameCanonicalForm() {
        qt().withExamples(EXAMPLES).forAll(eui48(), letterCases()).checkAssert((bytes, upper) -> {
            String digits = hex(bytes);
            String expected = String.join(":", pairs(digits)); // lower-case colon form, stated independently

            for (String notation : notations(digits)) {
                for (String rendering : List.of(notation, notation.toUpperCase(Locale.ROOT), mixedCase(notation, upper))) {
                    assertThat(MacAddress.isEui48(rendering)).as(rendering).isTrue();
                    assertThat(MacAddress.canonical(rendering)).as(rendering).isEqualTo(expected);
                    assertThat(NewDevice.builder("t").mac(" " + rendering + " ").build().mac()).isEqualTo(expected);
                    assertThat(DeviceRef.identity("t", rendering, null))
                            .isEqualTo(DeviceRef.identity("t", expected, null));
                }
            }
        });
    }

    @Test
    void theCanonicalFormIsIdempotentForAnyValue() {
        qt().withExamples(EXAMPLES).forAll(HostileStrings.any().map(s -> s == null ? "" : s)).checkAssert(value -> {
            String canonical = MacAddress.canonical(value);

            assertThat(MacAddress.canonical(canonical)).isEqualTo(canonical);
        });
    }

    @Test
    void aValueIsEitherKeptAsGivenOrTheSameTwelveHexDigits() {
        qt().withExamples(EXAMPLES).forAll(HostileStrings.any().map(s -> s == null ? "" : s)).checkAssert(value -> {
            String canonical = MacAddress.canonical(value);

            if (!canonical.equals(value) || MacAddress.isEui48(value)) {
                assertThat(canonical).matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
                assertThat(value.replaceAll("[:.\\-]", "").toLowerCase(Locale.ROOT))
                        .isEqualTo(canonical.replace(":", ""));
            }
        });
    }

    private static String hex(List<Integer> bytes) {
        byte[] raw = new byte[bytes.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = bytes.get(i).byteValue();
        }
        return HexFormat.of().formatHex(raw);
    }

    private static List<String> pairs(String digits) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < digits.length(); i += 2) {
            pairs.add(digits.substring(i, i + 2));
        }
        return pairs;
    }

    private static List<String> notations(String digits) {
        return List.of(
                String.join(":", pairs(digits)),
                String.join("-", pairs(digits)),
                digits.substring(0, 4) + '.' + digits.substring(4, 8) + '.' + digits.substring(8),
                digits);
    }

    private static String mixedCase(String notation, List<Boolean> upper) {
        StringBuilder mixed = new StringBuilder();
        int digit = 0;
        for (char c : notation.toCharArray()) {
            boolean isDigit = Character.digit(c, 16) >= 0;
            mixed.append(isDigit && upper.get(digit % upper.size()) ? Character.toUpperCase(c) : c);
            digit += isDigit ? 1 : 0;
        }
        return mixed.toString();
    }
}
