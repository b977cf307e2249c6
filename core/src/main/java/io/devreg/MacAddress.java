package io.devreg;

import org.jspecify.annotations.Nullable;

/**
 * MAC address canonicalization. An EUI-48 written in any common notation
 * ({@code AA:BB:CC:DD:EE:FF}, {@code aa-bb-cc-dd-ee-ff}, {@code aabb.ccdd.eeff},
 * {@code aabbccddeeff}, any letter case) becomes lower-case colon form
 * ({@code aa:bb:cc:dd:ee:ff}); any other value is returned as given, because billing systems
 * also use opaque identifiers in the mac field.
 */
public final class MacAddress {

    private static final int DIGITS = 12;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MacAddress() {
    }

    /**
     * The canonical form of {@code mac}: lower-case colon form for an EUI-48, otherwise
     * {@code mac} itself. Idempotent; a value already canonical is returned as is, without
     * allocating, since every lookup by identity canonicalizes its mac.
     */
    public static String canonical(String mac) {
        String eui48 = canonicalEui48(mac);
        return eui48 == null ? mac : eui48;
    }

    /** The canonical form of {@code mac} if it is an EUI-48 ({@code mac} itself when already canonical), else null. */
    static @Nullable String canonicalEui48(String mac) {
        if (isCanonicalEui48(mac)) {
            return mac;
        }
        long parsed = eui48(mac);
        if (parsed < 0) {
            return null;
        }
        char[] out = new char[17];
        for (int i = 0, o = 0; i < DIGITS; i++) {
            if (i > 0 && i % 2 == 0) {
                out[o++] = ':';
            }
            out[o++] = HEX[(int) (parsed >>> (4 * (DIGITS - 1 - i))) & 0xf];
        }
        return new String(out);
    }

    /**
     * Whether {@code mac} is already lower-case colon form: the common case of a lookup (a caller
     * passes back the macs devreg returned), checked in one pass without parsing the digits.
     */
    static boolean isCanonicalEui48(String mac) {
        if (mac.length() != 17) {
            return false;
        }
        for (int i = 0; i < 17; i += 3) { // a pair of digits, then (but after the last) a colon
            if (!isLowerHex(mac.charAt(i)) || !isLowerHex(mac.charAt(i + 1)) || i < 15 && mac.charAt(i + 2) != ':') {
                return false;
            }
        }
        return true;
    }

    private static final boolean[] LOWER_HEX = new boolean[128];

    static {
        for (char c : "0123456789abcdef".toCharArray()) {
            LOWER_HEX[c] = true;
        }
    }

    private static boolean isLowerHex(char c) {
        return c < 128 && LOWER_HEX[c];
    }

    /** Whether {@code mac} is an EUI-48 in one of the recognised notations. */
    public static boolean isEui48(String mac) {
        return eui48(mac) >= 0;
    }

    /** The 48 bits of {@code mac} when it is an EUI-48 in a recognised notation; otherwise -1. */
    private static long eui48(String mac) {
        return switch (mac.length()) {
            case 12 -> digits(mac, 0, '\0');
            case 14 -> digits(mac, 4, '.');
            case 17 -> mac.charAt(2) == ':' || mac.charAt(2) == '-' ? digits(mac, 2, mac.charAt(2)) : -1;
            default -> -1;
        };
    }

    /**
     * The twelve hex digits of {@code mac} as {@link #eui48} returns them; {@code mac} must have a
     * {@code separator} after every {@code group} digits (no separator when {@code group} is 0).
     */
    private static long digits(String mac, int group, char separator) {
        long digits = 0;
        int count = 0;
        int inGroup = 0;
        for (int i = 0; i < mac.length(); i++) {
            char c = mac.charAt(i);
            if (group > 0 && inGroup == group) {
                if (c != separator) {
                    return -1;
                }
                inGroup = 0;
                continue;
            }
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                value = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                value = c - 'A' + 10;
            } else {
                return -1; // only ASCII hex digits: Character.digit would also take other scripts' digits
            }
            digits = digits << 4 | value;
            count++;
            inGroup++;
        }
        return count == DIGITS ? digits : -1;
    }
}
