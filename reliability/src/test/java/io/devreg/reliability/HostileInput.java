package io.devreg.reliability;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of what a hostile or careless client sends: arbitrary unicode with lone
 * surrogates and control characters, strings around and far beyond every length limit, blank
 * strings of every kind of white space, SQL and LIKE metacharacters, EUI-48 macs in every
 * notation and case, and forged or corrupted page cursors. Null stands for an absent field.
 */
final class HostileInput {

    /** Pieces that have broken string handling somewhere: SQL, LIKE, escapes, odd unicode. */
    static final List<String> NASTY_PIECES = List.of(
            "'", "''", "\"", ";", "--", "/*", "*/", "'; DROP TABLE device; --", "' OR '1'='1", "%", "_", "\\",
            "\\'", "$1", "?", ":name", "${x}", "\u0000", "\t", "\n", "\r\n", "\u001b[31m", "\u007f", "\u0085",
            "\u00a0", "\u2003", "\u3000", "\u200b", "\u200d", "\u202e", "\ufeff", "\ufffe", "\uffff", "\ud800",
            "\udfff", "\ud83d\ude00", "\ud83d", "\ude00", "e\u0301", "\u0130", "\u00df", "\ufb01", "ǅ", "null",
            "NULL", "true", "0", "-1", "1e309", "aa:bb:cc:dd:ee:ff", "😀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "日本語", "עברית");

    private static final List<String> BLANKS = List.of("", " ", "   ", "\t", "\n", " \r\n\t ", "\u2003", "\u3000",
            "\u2028", "\u001c", "\u000b\f");

    private HostileInput() {
    }

    /** Any text a client might send, or null. */
    static Gen<String> text() {
        return Generate.frequency(List.of(
                Pair.of(3, strings().allPossible().ofLengthBetween(0, 40)),
                Pair.of(3, nastyMix()),
                Pair.of(2, plain()),
                Pair.of(1, Generate.pick(BLANKS)),
                Pair.of(2, nearLimits()),
                Pair.of(1, Generate.constant((String) null)),
                Pair.of(1, macs())));
    }

    /** Readable values, with surrounding white space now and then: mostly valid. */
    static Gen<String> plain() {
        Gen<String> core = strings().betweenCodePoints('!', '~').ofLengthBetween(1, 20);
        return core.zip(Generate.pick(List.of("", "", "", " ", "\t", "\u2003")), (value, pad) -> pad + value + pad);
    }

    /** Concatenations of nasty pieces and plain characters. */
    static Gen<String> nastyMix() {
        Gen<String> piece = Generate.pick(NASTY_PIECES).mix(strings().basicLatinAlphabet().ofLengthBetween(1, 3));
        return in -> {
            int count = (int) in.next(org.quicktheories.impl.Constraint.between(1, 6));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                text.append(piece.generate(in));
            }
            return text.toString();
        };
    }

    /** Strings just below, at and above every field limit, and far beyond them. */
    static Gen<String> nearLimits() {
        Gen<Integer> length = Generate.pick(List.of(63, 64, 65, 127, 128, 129, 254, 255, 256, 1_000, 100_000));
        Gen<String> filler = Generate.pick(List.of("x", "é", "😀", "'", " x", "\u0000"));
        // Cut at n UTF-16 units: with a surrogate pair as the unit, an odd n leaves a lone surrogate.
        return length.zip(filler, (n, unit) -> unit.repeat(n / unit.length() + 1).substring(0, n));
    }

    /** EUI-48 macs in every common notation and letter case, and near misses. */
    static Gen<String> macs() {
        Gen<String> hex = strings().betweenCodePoints('0', '9').ofLength(12)
                .mix(Generate.pick(List.of("aabbccddeeff", "AABBCCDDEEFF", "0123456789ab", "A1b2C3d4E5f6")));
        Gen<Integer> notation = integers().between(0, 5);
        return hex.zip(notation, (digits, n) -> switch (n) {
            case 0 -> digits;
            case 1 -> group(digits, 2, ':');
            case 2 -> group(digits, 2, '-').toUpperCase(Locale.ROOT);
            case 3 -> group(digits, 4, '.');
            case 4 -> group(digits, 2, ':').replaceFirst(":", "-"); // mixed separators: not an EUI-48
            default -> digits + "0"; // 13 digits: not an EUI-48
        });
    }

    private static String group(String digits, int size, char separator) {
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i += size) {
            if (i > 0) {
                grouped.append(separator);
            }
            grouped.append(digits, i, i + size);
        }
        return grouped.toString();
    }

    /** A few identity values in several spellings, so that registrations collide now and then. */
    static Gen<String> fewIdentities() {
        return Generate.pick(List.of("sn-1", " sn-1\t", "sn-2", "fake_mac_5", "AA:BB:CC:DD:EE:01", "aabb.ccdd.ee01",
                "aa-bb-cc-dd-ee-01", "'; --", "😀"));
    }

    /** Page sizes: valid, at the bounds, and far out of them. */
    static Gen<Integer> limits() {
        return Generate.pick(List.of(Integer.MIN_VALUE, -1, 0, 1, 2, 3, 100, 999, 1000, 1001, Integer.MAX_VALUE))
                .mix(integers().between(-5, 1005));
    }

    /** Any long, with the edges and small values over-represented. */
    static Gen<Long> anyLong() {
        return Generate.pick(List.of(Long.MIN_VALUE, -1L, 0L, 1L, 2L, Long.MAX_VALUE)).mix(longs().between(-3, 50))
                .mix(longs().all());
    }

    /** Cursors no registry issued: random text, devreg-like forgeries, and corruptions of {@code real}. */
    static Gen<String> forgedCursors(List<String> real) {
        Gen<String> forged = Generate.pick(List.of("devreg:1:5", "devreg:1:-5", "devreg:1:0", "devreg:2:5",
                "devreg:1:99999999999999999999", "devreg:1:", "devreg:1:5 ", "devreg:1:٣", "devreg:1:0x10",
                "devreg:1:5;DROP TABLE device", "5", "")).map(HostileInput::base64);
        Gen<String> corrupted = Generate.pick(real).zip(integers().between(0, 4), HostileInput::corrupt);
        return Generate.oneOf(forged, corrupted, text().map(t -> t == null ? "" : t), nearLimits());
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String corrupt(String cursor, int how) {
        int middle = cursor.length() / 2;
        return switch (how) {
            case 0 -> cursor.substring(0, middle);
            case 1 -> cursor + "A";
            case 2 -> cursor.substring(0, middle) + (cursor.charAt(middle) == 'x' ? 'y' : 'x') + cursor.substring(middle + 1);
            case 3 -> cursor + "==";
            default -> " " + cursor;
        };
    }
}
