package io.devreg;

import io.devreg.spi.DeviceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Builds a {@link DeviceRegistry}. Not thread-safe; the registry it builds is. */
public final class DeviceRegistryBuilder {

    /** How long a hold may last at most, from its start, unless {@link #maxHoldLifetime} sets another: 24 hours. */
    public static final Duration DEFAULT_MAX_HOLD_LIFETIME = Duration.ofHours(24);

    /** How long idempotency keys are kept at least, unless {@link #idempotencyRetention} sets another: 24 hours. */
    public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofHours(24);

    private @Nullable DeviceStore store;
    private Clock clock = Clock.systemUTC();
    private @Nullable Duration holdTtl;
    private Duration maxHoldLifetime = DEFAULT_MAX_HOLD_LIFETIME;
    private Duration idempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION;
    private @Nullable RegistryListener listener;

    DeviceRegistryBuilder() {
    }

    /** Where devices and events are kept. Required. The registry does not close it. */
    public DeviceRegistryBuilder store(DeviceStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /** The source of every timestamp, and of the time holds expire by; {@link Clock#systemUTC()} unless set. */
    public DeviceRegistryBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The TTL of holds that state none, including the billing API's anonymous reserve. Unless set,
     * such holds never expire, as in version 1.
     *
     * @throws IllegalArgumentException if {@code holdTtl} is not positive
     */
    public DeviceRegistryBuilder holdTtl(Duration holdTtl) {
        this.holdTtl = positive(holdTtl, "holdTtl");
        return this;
    }

    /**
     * How long a hold may last at most, from its start: the bound of every stated TTL and of every
     * extension. {@link #DEFAULT_MAX_HOLD_LIFETIME} unless set.
     *
     * @throws IllegalArgumentException if {@code maxHoldLifetime} is not positive
     */
    public DeviceRegistryBuilder maxHoldLifetime(Duration maxHoldLifetime) {
        this.maxHoldLifetime = positive(maxHoldLifetime, "maxHoldLifetime");
        return this;
    }

    /**
     * How long idempotency keys are kept at least before {@link DeviceRegistry#purgeIdempotencyKeys}
     * may delete them: a retry within this time is recognized. {@link #DEFAULT_IDEMPOTENCY_RETENTION}
     * unless set.
     *
     * @throws IllegalArgumentException if {@code retention} is not positive
     */
    public DeviceRegistryBuilder idempotencyRetention(Duration retention) {
        this.idempotencyRetention = positive(retention, "idempotencyRetention");
        return this;
    }

    /**
     * Who hears about every operation and its outcome (see {@link RegistryListener}); none unless set,
     * and then the registry does no timing at all.
     */
    public DeviceRegistryBuilder listener(RegistryListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * The registry.
     *
     * @throws IllegalStateException if no store was set, or the hold TTL is longer than the
     *                               maximum hold lifetime
     */
    public DeviceRegistry build() {
        if (store == null) {
            throw new IllegalStateException("DeviceRegistry.builder() needs a store: call .store(DeviceStore) first");
        }
        if (holdTtl != null && holdTtl.compareTo(maxHoldLifetime) > 0) {
            throw new IllegalStateException("The hold TTL " + holdTtl + " is longer than the maximum hold lifetime "
                    + maxHoldLifetime);
        }
        DeviceRegistry registry = new StoreBackedRegistry(new RegistrySettings(store, clock, holdTtl,
                maxHoldLifetime, idempotencyRetention), RequestContext.NONE);
        return listener == null ? registry : new ObservedRegistry(registry, listener);
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
        return duration;
    }
}
