package io.devreg;

import io.devreg.spi.DeviceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** What a registry and every view of it share: the store, the clock and the hold and key settings. */
record RegistrySettings(DeviceStore store, Clock clock, @Nullable Duration holdTtl, Duration maxHoldLifetime,
        Duration idempotencyRetention) {

    /** The registry's current time, truncated to microseconds as every stored instant is. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
