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
     * {@code mac} itself. Idempotent.
     */
    public static String canonical(String mac) {
        int[] digits = eui48Digits(mac);
        if (digits == null) {
            return mac;
        }
        char[] out = new char[17];
        for (int i = 0, o = 0; i < DIGITS; i++) {
            if (i > 0 && i % 2 == 0) {
                out[o++] = ':';
            }
            out[o++] = HEX[digits[i]];
        }
        return new String(out);
    }

    /** Whether {@code mac} is an EUI-48 in one of the recognised notations. */
    public static boolean isEui48(String mac) {
        return eui48Digits(mac) != null;
    }

    private static int[] eui48Digits(String mac) {
        return switch (mac.length()) {
            case 12 -> digits(mac, 0, '\0');
            case 14 -> digits(mac, 4, '.');
            case 17 -> mac.charAt(2) == ':' || mac.charAt(2) == '-' ? digits(mac, 2, mac.charAt(2)) : null;
            default -> null;
        };
    }

    /**
     * The twelve hex digits of {@code mac}, which must have a {@code separator} after every
     * {@code group} digits (no separator when {@code group} is 0), or null.
     */
    private static int[] digits(String mac, int group, char separator) {
        int[] digits = new int[DIGITS];
        int d = 0;
        for (int i = 0; i < mac.length(); i++) {
            char c = mac.charAt(i);
            boolean separatorPlace = group > 0 && (i + 1) % (group + 1) == 0;
            if (separatorPlace) {
                if (c != separator) {
                    return null;
                }
                continue;
            }
            int value = Character.digit(c, 16);
            if (value < 0 || c > 'f') { // Character.digit also accepts non-ASCII digits
                return null;
            }
            digits[d++] = value;
        }
        return d == DIGITS ? digits : null;
    }
}
