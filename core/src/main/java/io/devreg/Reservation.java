package io.devreg;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A hold on a device: who holds it, since when and until when. {@link Device#reservation()} is
 * non-null exactly when the device is reported {@link DeviceStatus#RESERVED}.
 *
 * @param holder     who holds the device; {@code null} for an anonymous hold (the billing API's
 *                   reserve, which names no holder)
 * @param reservedAt when the hold began, truncated to microseconds; extensions keep it
 * @param expiresAt  when the hold ends, truncated to microseconds; {@code null} for a hold that
 *                   never expires
 */
public record Reservation(@Nullable String holder, Instant reservedAt, @Nullable Instant expiresAt) {

    /** Checks that {@code reservedAt} is present. */
    public Reservation {
        Objects.requireNonNull(reservedAt, "reservedAt");
    }

    /**
     * Whether the hold is active at {@code instant}: it never expires, or {@code instant} is
     * before {@link #expiresAt()}. A hold is over at its expiry instant itself.
     */
    public boolean activeAt(Instant instant) {
        return expiresAt == null || instant.isBefore(expiresAt);
    }
}
