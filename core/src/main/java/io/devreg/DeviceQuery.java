package io.devreg;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A filter and a page position for {@link DeviceRegistry#list}. Devices are listed in id order;
 * {@link #matches(Device)} is the one definition of which devices a query selects.
 */
public final class DeviceQuery {

    /** The page size when none is set. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page size allowed. */
    public static final int MAX_LIMIT = 1000;

    private final @Nullable String type;
    private final Set<DeviceStatus> statuses;
    private final @Nullable Boolean online;
    private final int limit;
    private final @Nullable String after;
    private final long afterId;

    private DeviceQuery(@Nullable String type, Set<DeviceStatus> statuses, @Nullable Boolean online, int limit,
            @Nullable String after, long afterId) {
        this.type = type;
        this.statuses = statuses;
        this.online = online;
        this.limit = limit;
        this.after = after;
        this.afterId = afterId;
    }

    /** Starts a query: every device, {@link #DEFAULT_LIMIT} per page, from the first. */
    public static Builder builder() {
        return new Builder();
    }

    /** Only devices of this type, when set. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** Only devices in one of these statuses; empty means any status. */
    public Set<DeviceStatus> statuses() {
        return statuses;
    }

    /** Only devices with this online flag, when set. */
    public Optional<Boolean> online() {
        return Optional.ofNullable(online);
    }

    /** The page size, 1 to {@link #MAX_LIMIT}. */
    public int limit() {
        return limit;
    }

    /** The cursor this page starts after, when set. */
    public Optional<String> after() {
        return Optional.ofNullable(after);
    }

    /** The id this page starts after: devices with a greater id are listed; 0 for the first page. */
    public long afterId() {
        return afterId;
    }

    /** Whether {@code device} passes this query's filters (the page position aside). */
    public boolean matches(Device device) {
        return (type == null || type.equals(device.type()))
                && (statuses.isEmpty() || statuses.contains(device.status()))
                && (online == null || online == device.online());
    }

    /** This query, positioned after the device with id {@code lastId}. */
    DeviceQuery continuedAfter(long lastId) {
        return new DeviceQuery(type, statuses, online, limit, Cursor.encode(lastId), lastId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceQuery other && Objects.equals(type, other.type) && statuses.equals(other.statuses)
                && Objects.equals(online, other.online) && limit == other.limit && afterId == other.afterId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, statuses, online, limit, afterId);
    }

    @Override
    public String toString() {
        return "DeviceQuery[type=" + type + ", statuses=" + statuses + ", online=" + online + ", limit=" + limit
                + ", afterId=" + afterId + ']';
    }

    /** Builds a {@link DeviceQuery}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String type;
        private final EnumSet<DeviceStatus> statuses = EnumSet.noneOf(DeviceStatus.class);
        private @Nullable Boolean online;
        private int limit = DEFAULT_LIMIT;
        private @Nullable String after;

        private Builder() {
        }

        /** Only devices of this type; validated like {@link DeviceField#TYPE}. */
        public Builder type(@Nullable String type) {
            this.type = type;
            return this;
        }

        /** Adds statuses to select; a device in any of them matches. */
        public Builder status(DeviceStatus... statuses) {
            for (DeviceStatus status : statuses) {
                this.statuses.add(Objects.requireNonNull(status, "status"));
            }
            return this;
        }

        /** Only devices with this online flag. */
        public Builder online(boolean online) {
            this.online = online;
            return this;
        }

        /** The page size, 1 to {@link #MAX_LIMIT}; {@link #DEFAULT_LIMIT} unless set. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Continue after this cursor, from {@link Page#nextCursor()} of the previous page. */
        public Builder after(@Nullable String cursor) {
            this.after = cursor;
            return this;
        }

        /**
         * The validated query.
         *
         * @throws ValidationException for a bad type, a limit out of range, or a cursor devreg did not issue
         */
        public DeviceQuery build() {
            FieldErrors errors = new FieldErrors();
            String checkedType = type == null ? null : errors.text(DeviceField.TYPE, type);
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add("limit", "must be between 1 and " + MAX_LIMIT);
            }
            long afterId = 0;
            if (after != null) {
                OptionalLong decoded = Cursor.decode(after);
                if (decoded.isEmpty()) {
                    errors.add("after", "is not a cursor this registry issued");
                } else {
                    afterId = decoded.getAsLong();
                }
            }
            errors.throwIfAny();
            Set<DeviceStatus> statusSet = Collections.unmodifiableSet(EnumSet.copyOf(
                    statuses.isEmpty() ? EnumSet.noneOf(DeviceStatus.class) : statuses));
            return new DeviceQuery(checkedType, statusSet, online, limit, after, afterId);
        }
    }
}
