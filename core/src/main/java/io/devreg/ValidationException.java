package io.devreg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Bad input: every invalid field at once, keyed by wire field name. Thrown before anything
 * reaches the store. The keys: {@code type}, {@code mac}, {@code serial_number}, {@code name},
 * {@code version} (device fields, see {@link DeviceField}); {@code id} (a non-positive
 * {@link DeviceRef#id(long)}); {@code expected_revision} and {@code update} (a
 * {@link DeviceUpdate} with a non-positive revision, or changing nothing); {@code limit} and
 * {@code after} (a {@link DeviceQuery}'s page size and cursor, and the feed's limit);
 * {@code after_sequence} (a negative feed position); version 2's {@code holder}, {@code ttl},
 * {@code account}, {@code actor}, {@code reason} and {@code idempotency_key} (see
 * {@link DeviceField}), {@code to} (a usage period that ends before it begins) and {@code limit}
 * (of {@link DeviceRegistry#expireHolds} and {@link DeviceRegistry#purgeIdempotencyKeys}).
 */
public final class ValidationException extends DeviceRegistryException {

    private final Map<String, List<String>> errors;

    /**
     * Bad input.
     *
     * @param errors the reasons per wire field name; at least one
     * @throws IllegalArgumentException if {@code errors} is empty
     */
    public ValidationException(Map<String, List<String>> errors) {
        this(copy(errors));
    }

    private ValidationException(LinkedHashMap<String, List<String>> errors) {
        super(describe(errors));
        this.errors = java.util.Collections.unmodifiableMap(errors);
    }

    /** The reasons, per field, in the order the fields were checked; never empty. */
    public Map<String, List<String>> errors() {
        return errors;
    }

    private static LinkedHashMap<String, List<String>> copy(Map<String, List<String>> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("A ValidationException needs at least one error");
        }
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((field, reasons) -> copy.put(field, List.copyOf(new ArrayList<>(reasons))));
        return copy;
    }

    private static String describe(Map<String, List<String>> errors) {
        return "Invalid input: " + errors.entrySet().stream()
                .map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }
}
