package io.devreg;

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
        long digits = eui48(mac);
        if (digits < 0 || isCanonicalNotation(mac)) {
            return mac;
        }
        char[] out = new char[17];
        for (int i = 0, o = 0; i < DIGITS; i++) {
            if (i > 0 && i % 2 == 0) {
                out[o++] = ':';
            }
            out[o++] = HEX[(int) (digits >>> (4 * (DIGITS - 1 - i))) & 0xf];
        }
        return new String(out);
    }

    /** Whether {@code mac} is an EUI-48 in one of the recognised notations. */
    public static boolean isEui48(String mac) {
        return eui48(mac) >= 0;
    }

    /** The 48 bits of {@code mac} if it is an EUI-48 in a recognised notation, otherwise -1. */
    private static long eui48(String mac) {
        return switch (mac.length()) {
            case 12 -> digits(mac, 0, '\0');
            case 14 -> digits(mac, 4, '.');
            case 17 -> mac.charAt(2) == ':' || mac.charAt(2) == '-' ? digits(mac, 2, mac.charAt(2)) : -1;
            default -> -1;
        };
    }

    /** Whether an EUI-48 {@code mac} is written in colon form without upper-case letters. */
    private static boolean isCanonicalNotation(String mac) {
        if (mac.length() != 17 || mac.charAt(2) != ':') {
            return false;
        }
        for (int i = 0; i < mac.length(); i++) {
            if (mac.charAt(i) >= 'A' && mac.charAt(i) <= 'F') {
                return false;
            }
        }
        return true;
    }

    /**
     * The twelve hex digits of {@code mac} as one number, which must have a {@code separator}
     * after every {@code group} digits (no separator when {@code group} is 0), or -1.
     */
    private static long digits(String mac, int group, char separator) {
        long digits = 0;
        int d = 0;
        for (int i = 0; i < mac.length(); i++) {
            char c = mac.charAt(i);
            boolean separatorPlace = group > 0 && (i + 1) % (group + 1) == 0;
            if (separatorPlace) {
                if (c != separator) {
                    return -1;
                }
                continue;
            }
            int value = Character.digit(c, 16);
            if (value < 0 || c > 'f') { // Character.digit also accepts non-ASCII digits
                return -1;
            }
            digits = digits << 4 | value;
            d++;
        }
        return d == DIGITS ? digits : -1;
    }
}
