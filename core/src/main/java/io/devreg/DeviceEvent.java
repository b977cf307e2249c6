package io.devreg;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of one device: its registration or a status transition. Appended in the same
 * transaction as the change it records.
 *
 * @param sequence       unique and increasing across the whole registry; the change feed's position
 * @param deviceId       the device that changed
 * @param operation      what changed it
 * @param from           the status before, as a read just before the change reported it (an
 *                       expired hold reads as {@link DeviceStatus#AVAILABLE}); {@code null} only
 *                       for {@link DeviceOperation#REGISTER}
 * @param to             the status after
 * @param at             when, from the registry's clock, truncated to microseconds
 * @param holder         the holder of the hold the change made, extended or ended; null when there
 *                       is none or it was anonymous
 * @param account        the account of the activation the change made, continued or ended
 *                       ({@link DeviceOperation#ACTIVATE}, {@link DeviceOperation#DEACTIVATE},
 *                       {@link DeviceOperation#COMPLETE_DEACTIVATION}); null when it named none
 * @param actor          who made the change, from the {@link RequestContext} it was made with
 * @param reason         why, from the {@link RequestContext} (or the reason of
 *                       {@link DeviceRegistry#forceRelease})
 * @param idempotencyKey the idempotency key of the write that made the change
 */
public record DeviceEvent(
        long sequence,
        long deviceId,
        DeviceOperation operation,
        @Nullable DeviceStatus from,
        DeviceStatus to,
        Instant at,
        @Nullable String holder,
        @Nullable String account,
        @Nullable String actor,
        @Nullable String reason,
        @Nullable String idempotencyKey) {

    /** Checks that the required components are present. */
    public DeviceEvent {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
    }

    /** An event without holder, account, actor, reason and key: version 1's components. */
    public DeviceEvent(long sequence, long deviceId, DeviceOperation operation, @Nullable DeviceStatus from,
            DeviceStatus to, Instant at) {
        this(sequence, deviceId, operation, from, to, at, null, null, null, null, null);
    }
}
