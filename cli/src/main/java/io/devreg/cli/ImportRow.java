package io.devreg.cli;

import io.devreg.NewDevice;
import io.devreg.ValidationException;
import io.devreg.json.NewDeviceJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One record of an import file, by the line it starts on: the device it describes, or why it is not one. */
sealed interface ImportRow permits ImportRow.Valid, ImportRow.Invalid {

    /** The line the record starts on, from 1 (a CSV file's header is line 1). */
    long line();

    /**
     * A record that describes a device to register.
     *
     * @param line   where it starts
     * @param device the device, validated
     */
    record Valid(long line, NewDevice device) implements ImportRow {
    }

    /**
     * The row these fields make: valid, or invalid with the errors of every field, as
     * {@code register} reports them, after the errors found while reading the fields.
     *
     * @param line        where the record starts
     * @param fields      the fields, in the billing API's request shape
     * @param readErrors  fields that could not be read (a wrong JSON type, an online flag that is
     *                    not true or false); their value in {@code fields} is missing
     */
    static ImportRow of(long line, NewDeviceJson fields, Map<String, List<String>> readErrors) {
        @Nullable NewDevice device = null;
        Map<String, List<String>> errors = new LinkedHashMap<>();
        try {
            device = fields.toNewDevice();
        } catch (ValidationException invalid) {
            errors.putAll(invalid.errors());
        }
        // A field that could not be read is reported as such, not also as missing.
        readErrors.forEach(errors::put);
        if (errors.isEmpty() && device != null) {
            return new Valid(line, device);
        }
        // The exception words the message as register's answer does.
        return new Invalid(line, ImportReport.INVALID, new ValidationException(errors).getMessage(), errors);
    }

    /**
     * A record that is no device: malformed (no errors), or with invalid fields.
     *
     * @param line    where it starts
     * @param problem {@link ImportReport#MALFORMED} or {@link ImportReport#INVALID}
     * @param message why, e.g. "wrong column count: 5, expected 6"
     * @param errors  the reasons per field, in the order of the columns; empty when malformed
     */
    record Invalid(long line, String problem, String message, Map<String, List<String>> errors) implements ImportRow {

        /** Copies the errors. */
        public Invalid {
            errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        }

        static Invalid malformed(long line, String message) {
            return new Invalid(line, ImportReport.MALFORMED, message, Map.of());
        }
    }
}
