package io.devreg.reliability;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validation rules of API.md, stated again here, independently of core's code, as the model
 * the hostile-input tests hold devreg to: strip, then a required field must not be blank and a
 * blank optional field is absent; no control character (C0, DEL, C1), no unpaired surrogate; at
 * most the field's length in UTF-16 units; an EUI-48 mac in a common notation becomes lower-case
 * colon form.
 */
final class FieldModel {

    /** A text field and its limit, as API.md states them. */
    enum Field {
        TYPE("type", 64, true), MAC("mac", 64, false), SERIAL_NUMBER("serial_number", 128, false),
        NAME("name", 255, false), VERSION("version", 64, false);

        final String wireName;
        final int maxLength;
        final boolean required;

        Field(String wireName, int maxLength, boolean required) {
            this.wireName = wireName;
            this.maxLength = maxLength;
            this.required = required;
        }
    }

    /** What the model expects of one raw value: valid or not, and if valid its stored form (null: absent). */
    record Expected(boolean valid, String normal) {
        static final Expected ABSENT = new Expected(true, null);
        static final Expected INVALID = new Expected(false, null);
    }

    private static final Pattern COLON_OR_DASH = Pattern.compile(
            "[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){4}");
    private static final Pattern DOTTED = Pattern.compile("[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}");
    private static final Pattern BARE = Pattern.compile("[0-9A-Fa-f]{12}");

    private FieldModel() {
    }

    static Expected expect(Field field, String raw) {
        String value = raw == null ? null : raw.strip();
        if (value == null || value.isEmpty()) {
            return field.required ? Expected.INVALID : Expected.ABSENT;
        }
        if (hasControlCharacter(value) || hasUnpairedSurrogate(value) || value.length() > field.maxLength) {
            return Expected.INVALID;
        }
        return new Expected(true, field == Field.MAC ? canonicalMac(value) : value);
    }

    /** The wire names of the fields a lookup by identity reports, for these raw values. */
    static Set<String> identityErrors(String type, String mac, String serialNumber) {
        Set<String> errors = new LinkedHashSet<>();
        if (!expect(Field.TYPE, type).valid()) {
            errors.add("type");
        }
        if (!expect(Field.MAC, mac).valid()) {
            errors.add("mac");
        }
        if (!expect(Field.SERIAL_NUMBER, serialNumber).valid()) {
            errors.add("serial_number");
        }
        if (isBlank(mac) && isBlank(serialNumber)) {
            errors.add("mac");
            errors.add("serial_number");
        }
        return errors;
    }

    static boolean isBlank(String value) {
        return value == null || value.strip().isEmpty();
    }

    private static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(c -> c <= 0x1F || (c >= 0x7F && c <= 0x9F));
    }

    private static boolean hasUnpairedSurrogate(String value) {
        // A well-formed string survives a round trip through UTF-8; an unpaired surrogate does not.
        return !new String(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8).equals(value);
    }

    private static String canonicalMac(String value) {
        if (!COLON_OR_DASH.matcher(value).matches() && !DOTTED.matcher(value).matches()
                && !BARE.matcher(value).matches()) {
            return value;
        }
        String hex = value.replaceAll("[:.\\-]", "").toLowerCase(Locale.ROOT);
        StringBuilder canonical = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                canonical.append(':');
            }
            canonical.append(hex, i, i + 2);
        }
        return canonical.toString();
    }
}
