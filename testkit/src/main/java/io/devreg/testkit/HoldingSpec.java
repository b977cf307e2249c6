package io.devreg.testkit;

import static io.devreg.DeviceStatus.AVAILABLE;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.ReserveRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the hold groups start from: besides the plain registry, a registry over the same store and
 * clock whose holds expire ({@link #DEFAULT_TTL} when a hold states none, {@link #MAX_LIFETIME} at
 * most), and devices held for a holder.
 */
abstract class HoldingSpec extends StoreSpec {

    /** The TTL the tests' holds state. */
    static final Duration TTL = Duration.ofMinutes(10);
    /** The {@link #holds} registry's TTL for holds that state none. */
    static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    /** The {@link #holds} registry's maximum hold lifetime. */
    static final Duration MAX_LIFETIME = Duration.ofHours(2);

    /** A registry over the same store and clock whose holds expire: {@link #DEFAULT_TTL}, {@link #MAX_LIFETIME}. */
    DeviceRegistry holds;

    @BeforeEach
    final void buildHoldingRegistry() {
        holds = DeviceRegistry.builder().store(store).clock(clock).holdTtl(DEFAULT_TTL)
                .maxHoldLifetime(MAX_LIFETIME).build();
    }

    /** Device {@code n}, made available, then held by {@code holder} for {@code ttl}. */
    Device held(int n, String holder, Duration ttl) {
        Device available = given(AVAILABLE, n);
        tick();
        return holds.reserve(ref(available), Hold.of(holder, ttl));
    }

    static DeviceEvent event(Device device, DeviceOperation operation, DeviceStatus from, DeviceStatus to,
            Instant at, @Nullable String holder) {
        return new DeviceEvent(0, device.id(), operation, from, to, at, holder, null, null, null, null);
    }

    static Instant expiresAt(Device held) {
        return Objects.requireNonNull(Objects.requireNonNull(held.reservation()).expiresAt());
    }

    static ReserveRequest reserveRequest(int n) {
        return new ReserveRequest("router", mac(n), serial(n));
    }
}
