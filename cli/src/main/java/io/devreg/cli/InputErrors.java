package io.devreg.cli;

import io.devreg.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds the parts of a command's input (a device reference, a request context, ...), each of
 * which the registry's types validate on their own, and reports the errors of all of them at once,
 * as one {@link ValidationException} reports every field of one part.
 */
final class InputErrors {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    /** The part {@code build} makes; null when it is invalid, its errors kept for {@link #throwIfAny}. */
    <T> @Nullable T check(Supplier<T> build) {
        try {
            return build.get();
        } catch (ValidationException invalid) {
            invalid.errors().forEach((field, reasons) -> errors.computeIfAbsent(field, f -> new ArrayList<>())
                    .addAll(reasons));
            return null;
        }
    }

    /** @throws ValidationException with the errors of every part checked, if there is any */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
