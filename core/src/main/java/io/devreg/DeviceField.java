package io.devreg;

/**
 * The text fields of a device and their rules, in one place. Every value is stripped of leading
 * and trailing white space first; a blank optional value counts as absent. A value must then be
 * valid Unicode (no unpaired surrogate), contain no control character, and be at most
 * {@link #maxLength()} characters long (UTF-16 units, as {@link String#length()} counts them).
 */
public enum DeviceField {
    /** The device type: required, at most 64 characters. */
    TYPE("type", 64, true),
    /** The mac address: at most 64 characters; an EUI-48 is canonicalized. */
    MAC("mac", 64, false),
    /** The serial number: at most 128 characters. */
    SERIAL_NUMBER("serial_number", 128, false),
    /** The display name: at most 255 characters. */
    NAME("name", 255, false),
    /** The firmware version: at most 64 characters. */
    VERSION("version", 64, false);

    private final String wireName;
    private final int maxLength;
    private final boolean required;

    DeviceField(String wireName, int maxLength, boolean required) {
        this.wireName = wireName;
        this.maxLength = maxLength;
        this.required = required;
    }

    /** The field's name in the billing API and in {@link ValidationException#errors()}. */
    public String wireName() {
        return wireName;
    }

    /** The longest value allowed, after stripping. */
    public int maxLength() {
        return maxLength;
    }

    /** Whether every device must have this field. */
    public boolean required() {
        return required;
    }
}
