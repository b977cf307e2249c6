package io.devreg;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Who asks for a hold, and for how long: the argument of {@link DeviceRegistry#reserve(DeviceRef, Hold)}
 * and {@link DeviceRegistry#extend(DeviceRef, Hold)}. Checked when it is used, together with the
 * request it comes with: {@code holder} (wire field {@code holder}) is required, 1 to 128
 * characters after stripping, with no control character; {@code ttl} (wire field {@code ttl}),
 * when given, is positive and at most the registry's
 * {@link DeviceRegistryBuilder#maxHoldLifetime(Duration) maximum hold lifetime}.
 *
 * @param holder who holds the device, for example a checkout session or a customer id
 * @param ttl    how long the hold lasts from now (an expiry is a whole microsecond, rounded up); {@code null} for the registry's
 *               {@link DeviceRegistryBuilder#holdTtl(Duration) default TTL}
 */
public record Hold(@Nullable String holder, @Nullable Duration ttl) {

    /** A hold for {@code holder} with the registry's default TTL. */
    public static Hold of(String holder) {
        return new Hold(holder, null);
    }

    /** A hold for {@code holder} lasting {@code ttl}. */
    public static Hold of(String holder, Duration ttl) {
        return new Hold(holder, ttl);
    }
}
