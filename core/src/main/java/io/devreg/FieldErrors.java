package io.devreg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collects every validation error of one request, then throws them together. The field rules
 * themselves are {@link DeviceField}'s.
 */
final class FieldErrors {

    /** Made on the first error: valid input, the common case, allocates no map. */
    private @Nullable Map<String, List<String>> errors;

    /**
     * Checks one text field and returns its normalized value: stripped, and for {@code mac}
     * canonical; {@code null} when absent or blank. Records the field's errors, if any.
     */
    @Nullable String text(DeviceField field, @Nullable String raw) {
        return text(field, raw, field.required());
    }

    /** As {@link #text(DeviceField, String)}, with the field required or not as {@code required} says. */
    @Nullable String text(DeviceField field, @Nullable String raw, boolean required) {
        String value = raw == null ? null : raw.strip();
        if (value == null || value.isEmpty()) {
            if (required) {
                add(field.wireName(), raw == null ? "is required" : "must not be blank");
            }
            return null;
        }
        if (field == DeviceField.MAC) {
            String eui48 = MacAddress.canonicalEui48(value);
            if (eui48 != null) {
                return eui48; // hex digits and separators only: no control character, no surrogate, short
            }
        }
        boolean valid = true;
        int problems = characterProblems(value);
        if (field == DeviceField.IDEMPOTENCY_KEY && (problems & NOT_ASCII) != 0) {
            add(field.wireName(), "must be printable ASCII");
            valid = false;
        }
        if ((problems & UNPAIRED_SURROGATE) != 0) {
            add(field.wireName(), "must be valid Unicode text (it has an unpaired surrogate)");
            valid = false;
        }
        if ((problems & CONTROL_CHARACTER) != 0) {
            add(field.wireName(), "must not contain control characters");
            valid = false;
        }
        if (value.length() > field.maxLength()) {
            add(field.wireName(), "must be at most " + field.maxLength() + " characters");
            valid = false;
        }
        if (!valid) {
            return null;
        }
        return value; // a mac that is not an EUI-48 is kept as given
    }

    /** Checks the identity part of a lookup: a type, and a mac or a serial number. */
    Identity identity(@Nullable String type, @Nullable String mac, @Nullable String serialNumber) {
        String checkedType = text(DeviceField.TYPE, type);
        String checkedMac = text(DeviceField.MAC, mac);
        String checkedSerial = text(DeviceField.SERIAL_NUMBER, serialNumber);
        if (isBlank(mac) && isBlank(serialNumber)) {
            add(DeviceField.MAC.wireName(), "is required when serial_number is not given");
            add(DeviceField.SERIAL_NUMBER.wireName(), "is required when mac is not given");
        }
        return new Identity(checkedType, checkedMac, checkedSerial);
    }

    /**
     * Whether {@link #identity} would accept these values and return them unchanged: each present
     * value already normalized (printable ASCII without surrounding spaces, within its length, a mac
     * in canonical EUI-48 form), a type, and a mac or a serial number. Lets a lookup by identity skip
     * the general checks for the values devreg itself hands out; anything else takes them.
     */
    static boolean isNormalIdentity(@Nullable String type, @Nullable String mac, @Nullable String serialNumber) {
        if (type == null || !isNormalText(DeviceField.TYPE, type) || mac == null && serialNumber == null) {
            return false;
        }
        if (mac != null && !MacAddress.isCanonicalEui48(mac)) {
            return false;
        }
        return serialNumber == null || isNormalText(DeviceField.SERIAL_NUMBER, serialNumber);
    }

    /** Printable ASCII only (whose one whitespace is the space), no space at either end, within the field's length. */
    private static boolean isNormalText(DeviceField field, String value) {
        int length = value.length();
        if (length == 0 || length > field.maxLength() || value.charAt(0) == ' ' || value.charAt(length - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < ' ' || c >= '\u007f') {
                return false;
            }
        }
        return true;
    }

    record Identity(@Nullable String type, @Nullable String mac, @Nullable String serialNumber) {
    }

    void add(String field, String reason) {
        if (errors == null) {
            errors = new LinkedHashMap<>();
        }
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(reason);
    }

    /** Records every error of {@code failure}. */
    void addAll(ValidationException failure) {
        failure.errors().forEach((field, reasons) -> reasons.forEach(reason -> add(field, reason)));
    }

    /** @throws ValidationException with every error recorded, if there is any */
    void throwIfAny() {
        if (errors != null) {
            throw new ValidationException(errors);
        }
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static final int UNPAIRED_SURROGATE = 1;
    private static final int CONTROL_CHARACTER = 2;
    private static final int NOT_ASCII = 4;

    /**
     * The character problems of {@code value}, as bits, in one pass over its chars (every lookup
     * validates its identity, so this runs on every operation). Testing chars rather than code
     * points is exact: every control character is in the Basic Multilingual Plane, and a
     * supplementary code point is a surrogate pair, which is never one.
     */
    private static int characterProblems(String value) {
        int problems = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= ' ' && c < '\u007f') {
                continue; // printable ASCII, nearly every character of a real value: one test
            }
            problems |= NOT_ASCII;
            if (Character.isISOControl(c)) {
                problems |= CONTROL_CHARACTER;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    problems |= UNPAIRED_SURROGATE;
                }
            } else if (Character.isLowSurrogate(c)) {
                problems |= UNPAIRED_SURROGATE;
            }
        }
        return problems;
    }
}
