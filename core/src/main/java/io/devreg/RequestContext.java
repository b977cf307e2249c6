package io.devreg;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Who makes a change, why, and under which idempotency key: what {@link DeviceRegistry#with}
 * attaches to every write of the view it returns. Built and validated by {@link Builder#build()}.
 *
 * <ul>
 *   <li>{@code actor} (wire field {@code actor}, 1 to 128 characters) and {@code reason} (wire
 *       field {@code reason}, 1 to 1000 characters) are recorded on every event the view's writes
 *       append. Blank counts as absent.</li>
 *   <li>{@code idempotencyKey} (wire field {@code idempotency_key}, 1 to 255 printable ASCII
 *       characters; when given it must not be blank): the first successful write made with the key
 *       records it, with a fingerprint of the request and the device it returned, in the same
 *       transaction as the write; a later write with the same key and the same request returns the
 *       recorded device and changes nothing; the same key with another request fails with
 *       {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}. A key is meant for one write: a view with a key
 *       is used for one call and its retries.</li>
 * </ul>
 */
public final class RequestContext {

    /** No actor, no reason, no key: what a registry's own writes carry. */
    public static final RequestContext NONE = new RequestContext(null, null, null, device -> {
    });

    private final @Nullable String idempotencyKey;
    private final @Nullable String actor;
    private final @Nullable String reason;
    private final Consumer<Device> onReplay;

    private RequestContext(@Nullable String idempotencyKey, @Nullable String actor, @Nullable String reason,
            Consumer<Device> onReplay) {
        this.idempotencyKey = idempotencyKey;
        this.actor = actor;
        this.reason = reason;
        this.onReplay = onReplay;
    }

    /** Starts a context with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The idempotency key, stripped, when set. */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** Who makes the change, stripped, when set. */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /** Why the change is made, stripped, when set. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** Tells the context's replay listener that a write was answered from the key's record with {@code device}. */
    void replayed(Device device) {
        onReplay.accept(device);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestContext other && Objects.equals(idempotencyKey, other.idempotencyKey)
                && Objects.equals(actor, other.actor) && Objects.equals(reason, other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(idempotencyKey, actor, reason);
    }

    @Override
    public String toString() {
        return "RequestContext[idempotencyKey=" + idempotencyKey + ", actor=" + actor + ", reason=" + reason + ']';
    }

    /** Builds a {@link RequestContext}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String idempotencyKey;
        private @Nullable String actor;
        private @Nullable String reason;
        private Consumer<Device> onReplay = device -> {
        };

        private Builder() {
        }

        /** The idempotency key of the write (1 to 255 printable ASCII characters). */
        public Builder idempotencyKey(@Nullable String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** Who makes the change (1 to 128 characters), for example a user or a service name. */
        public Builder actor(@Nullable String actor) {
            this.actor = actor;
            return this;
        }

        /** Why the change is made (1 to 1000 characters). */
        public Builder reason(@Nullable String reason) {
            this.reason = reason;
            return this;
        }

        /**
         * What to tell when a write made with the context is answered from its idempotency key's
         * record: the device recorded, which the write also returns. Called on the caller's thread,
         * before the write returns.
         */
        public Builder onReplay(Consumer<Device> onReplay) {
            this.onReplay = Objects.requireNonNull(onReplay, "onReplay");
            return this;
        }

        /**
         * The validated context.
         *
         * @throws ValidationException with every invalid field ({@code idempotency_key}, {@code actor},
         *                             {@code reason})
         */
        public RequestContext build() {
            FieldErrors errors = new FieldErrors();
            String checkedKey = errors.text(DeviceField.IDEMPOTENCY_KEY, idempotencyKey);
            if (idempotencyKey != null && idempotencyKey.isBlank()) {
                errors.add(DeviceField.IDEMPOTENCY_KEY.wireName(), "must not be blank");
            }
            String checkedActor = errors.text(DeviceField.ACTOR, actor);
            String checkedReason = errors.text(DeviceField.REASON, reason);
            errors.throwIfAny();
            return new RequestContext(checkedKey, checkedActor, checkedReason, onReplay);
        }
    }
}
