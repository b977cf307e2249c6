package io.devreg.benchmarks;

import io.devreg.NewDevice;

/**
 * The identities of benchmark devices: device {@code n} has type {@value #TYPE}, a canonical EUI-48
 * mac derived from {@code n} and serial number {@code "sn-" + n}. Benchmarks precompute the strings
 * they send, as a billing application receives them ready-made in a request.
 */
public final class DeviceKeys {

    /** The device type of every benchmark device (the seed's). */
    public static final String TYPE = "mediaagent";
    /** The firmware version of every benchmark device (the seed's). */
    public static final String VERSION = "1.1.1.1";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DeviceKeys() {
    }

    /** The mac of device {@code n}: {@code 02:} (a locally administered prefix) and 40 bits of {@code n}. */
    public static String mac(long n) {
        char[] text = new char[17];
        for (int octet = 0; octet < 6; octet++) {
            int value = octet == 0 ? 0x02 : (int) (n >>> (8 * (5 - octet))) & 0xff;
            text[octet * 3] = HEX[value >>> 4];
            text[octet * 3 + 1] = HEX[value & 0xf];
            if (octet < 5) {
                text[octet * 3 + 2] = ':';
            }
        }
        return new String(text);
    }

    /** The macs of devices {@code 0 .. count - 1}. */
    public static String[] macs(int count) {
        String[] macs = new String[count];
        for (int n = 0; n < count; n++) {
            macs[n] = mac(n);
        }
        return macs;
    }

    /** The serial number of device {@code n}. */
    public static String serialNumber(long n) {
        return "sn-" + n;
    }

    /** Device {@code n} as a billing application would register it. */
    public static NewDevice newDevice(long n) {
        return NewDevice.builder(TYPE).mac(mac(n)).serialNumber(serialNumber(n)).version(VERSION).online(true).build();
    }
}
