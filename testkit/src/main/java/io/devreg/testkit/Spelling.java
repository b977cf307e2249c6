package io.devreg.testkit;

import org.jspecify.annotations.Nullable;

/**
 * A text value as a caller may send it, and what the reference model says it means in the field it
 * is sent for: the stored value (null when absent), or invalid. Stated literally for each value the
 * model test sends, never computed by devreg's own validation.
 *
 * @param raw   what the caller sends
 * @param value the value stored and matched; null when absent or invalid
 * @param valid whether the field accepts it
 */
record Spelling(@Nullable String raw, @Nullable String value, boolean valid) {

    /** A valid value stored as sent. */
    static Spelling as(String raw) {
        return new Spelling(raw, raw, true);
    }

    /** A valid value stored as {@code value} (trimmed, or a canonical mac). */
    static Spelling as(String raw, String value) {
        return new Spelling(raw, value, true);
    }

    /** A missing or blank value in an optional field: valid, stored as absent. */
    static Spelling absent(@Nullable String raw) {
        return new Spelling(raw, null, true);
    }

    /** A value the field rejects. */
    static Spelling invalid(@Nullable String raw) {
        return new Spelling(raw, null, false);
    }

    /** Whether the caller sent nothing but white space, or nothing at all. */
    boolean blank() {
        return raw == null || raw.isBlank();
    }

    @Override
    public String toString() {
        if (raw == null) {
            return "null";
        }
        String shown = raw.length() > 12 ? raw.substring(0, 5) + "…(" + raw.length() + " chars)" : raw;
        StringBuilder escaped = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.append('"').toString();
    }
}
