package io.devreg;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of one row of {@link DeviceRegistry#registerAll}.
 *
 * @param index   the row's position in the list given
 * @param outcome what became of it
 * @param device  the device as stored after the row; null exactly when the row {@link RowOutcome#FAILED}
 * @param code    why the row failed; non-null exactly when it {@link RowOutcome#FAILED}
 */
public record RowResult(int index, RowOutcome outcome, @Nullable Device device, @Nullable ErrorCode code) {

    /** Checks that a failed row has a code and no device, and any other row a device and no code. */
    public RowResult {
        Objects.requireNonNull(outcome, "outcome");
        if (index < 0) {
            throw new IllegalArgumentException("A row index is not negative: " + index);
        }
        boolean failed = outcome == RowOutcome.FAILED;
        if (failed != (code != null) || failed == (device != null)) {
            throw new IllegalArgumentException("A failed row has a code and no device, any other row a device and"
                    + " no code: " + outcome + ", " + device + ", " + code);
        }
    }

    /** A row that did not fail. */
    public static RowResult of(int index, RowOutcome outcome, Device device) {
        return new RowResult(index, outcome, device, null);
    }

    /** A row that failed with {@code code}. */
    public static RowResult failed(int index, ErrorCode code) {
        return new RowResult(index, RowOutcome.FAILED, null, code);
    }
}
