package io.devreg;

/**
 * The text fields of devreg's inputs and their rules, in one place: a device's own fields, and
 * those of holds, activations and request contexts. Every value is stripped of leading
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
    VERSION("version", 64, false),
    /** The holder of a hold ({@link Hold}): required, at most 128 characters. */
    HOLDER("holder", 128, true),
    /** The account of an activation ({@link Activation}): at most 128 characters. */
    ACCOUNT("account", 128, false),
    /** Who makes a change ({@link RequestContext}): at most 128 characters. */
    ACTOR("actor", 128, false),
    /** Why a change is made ({@link RequestContext}, {@link DeviceRegistry#forceRelease}): at most 1000 characters. */
    REASON("reason", 1000, false),
    /**
     * An idempotency key ({@link RequestContext}): at most 255 characters, printable ASCII only
     * (so that it travels unchanged in an HTTP header); when given, it must not be blank.
     */
    IDEMPOTENCY_KEY("idempotency_key", 255, false);

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
