package io.devreg;

import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Strings a caller might send in any request field: null, blank, arbitrary Unicode (lone
 * surrogates and control characters included), values at and around every length limit, padded
 * values, and MAC-like values.
 */
final class HostileStrings {

    private HostileStrings() {
    }

    static Gen<String> any() {
        return Generate.frequency(List.of(
                Pair.of(2, Generate.constant((String) null)),
                Pair.of(2, Generate.pick(List.of("", " ", "\t\r\n", "\u2003\u3000", "\u001c", " \u0085 ")).describedAs(HostileStrings::show)),
                Pair.of(4, strings().allPossible().ofLengthBetween(0, 20)),
                Pair.of(3, strings().betweenCodePoints(0, 0xa0).ofLengthBetween(1, 12)),
                Pair.of(2, strings().betweenCodePoints(0xd7f0, 0xe010).ofLengthBetween(1, 6)),
                Pair.of(3, strings().basicLatinAlphabet().ofLengthBetween(60, 70)),
                Pair.of(2, strings().basicLatinAlphabet().ofLengthBetween(124, 132)),
                Pair.of(2, strings().basicLatinAlphabet().ofLengthBetween(250, 260)),
                Pair.of(1, strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 2_000)),
                Pair.of(3, strings().basicLatinAlphabet().ofLengthBetween(1, 20).map(s -> " \t" + s + "\n ")),
                Pair.of(3, strings().betweenCodePoints('0', 'f').ofLengthBetween(12, 17))))
                .describedAs(HostileStrings::show);
    }

    /** The value with every character outside printable ASCII escaped, so a failure report is readable. */
    static String show(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder("\"");
        value.chars().forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : "\\u%04x".formatted(c)));
        return shown.append("\" (").append(value.length()).append(" chars)").toString();
    }

    /** Whether the value is valid UTF-16, stated without the production code: it survives UTF-8. */
    static boolean isWellFormed(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(value);
    }

    static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL);
    }
}
