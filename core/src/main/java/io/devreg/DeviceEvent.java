package io.devreg;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of one device: its registration or a status transition. Appended in the same
 * transaction as the change it records.
 *
 * @param sequence  unique and increasing across the whole registry; the change feed's position
 * @param deviceId  the device that changed
 * @param operation what changed it
 * @param from      the status before; {@code null} only for {@link DeviceOperation#REGISTER}
 * @param to        the status after
 * @param at        when, from the registry's clock, truncated to microseconds
 */
public record DeviceEvent(
        long sequence,
        long deviceId,
        DeviceOperation operation,
        @Nullable DeviceStatus from,
        DeviceStatus to,
        Instant at) {

    /** Checks that the required components are present. */
    public DeviceEvent {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
    }
}
