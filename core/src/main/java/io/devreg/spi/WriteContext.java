package io.devreg.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a write happens, who makes it and why, and the idempotency key it is made under: what a
 * store records on the events the write appends and, with a key, beside the write itself.
 *
 * <p>With a key, a store runs the write as {@link DeviceStore} describes under "Idempotent
 * writes": if the key is recorded, it answers {@link WriteResult.Recorded} and writes nothing;
 * otherwise, if the write applies, it records the key, the {@link #fingerprint()} and the device
 * the write returns ({@link io.devreg.Device#asOf} the write's time) in the same atomic step as the write.
 *
 * @param at             the time of the write, truncated to microseconds
 * @param actor          who makes it, recorded on its events
 * @param reason         why, recorded on its events
 * @param idempotencyKey the key the write is made under; null for none
 * @param fingerprint    what the key's request was (operation and arguments, hashed by the
 *                       registry); non-null exactly when {@code idempotencyKey} is
 */
public record WriteContext(Instant at, @Nullable String actor, @Nullable String reason,
        @Nullable String idempotencyKey, @Nullable String fingerprint) {

    /** Checks that the time is present and that a key comes with its fingerprint. */
    public WriteContext {
        Objects.requireNonNull(at, "at");
        if ((idempotencyKey == null) != (fingerprint == null)) {
            throw new IllegalArgumentException("An idempotency key comes with a fingerprint, and only then");
        }
    }

    /** A write at {@code at} with no actor, reason or key. */
    public static WriteContext at(Instant at) {
        return new WriteContext(at, null, null, null, null);
    }

    /** Whether the write is made under an idempotency key. */
    public boolean keyed() {
        return idempotencyKey != null;
    }
}
