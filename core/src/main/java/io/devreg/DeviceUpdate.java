package io.devreg;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A change of a device's attributes: name, firmware version and online flag; never its status.
 * Only the attributes that were set change; setting name or version to {@code null} (or blank)
 * clears it. Built and validated by {@link Builder#build()}.
 */
public final class DeviceUpdate {

    private final boolean setsName;
    private final @Nullable String name;
    private final boolean setsVersion;
    private final @Nullable String version;
    private final @Nullable Boolean online;
    private final long expectedRevision; // 0 when not given

    private DeviceUpdate(boolean setsName, @Nullable String name, boolean setsVersion, @Nullable String version,
            @Nullable Boolean online, long expectedRevision) {
        this.setsName = setsName;
        this.name = name;
        this.setsVersion = setsVersion;
        this.version = version;
        this.online = online;
        this.expectedRevision = expectedRevision;
    }

    /** Starts an update that changes nothing until an attribute is set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether this update sets the name. */
    public boolean setsName() {
        return setsName;
    }

    /** The new name, when {@link #setsName()}; null clears it. */
    public @Nullable String name() {
        return name;
    }

    /** Whether this update sets the firmware version. */
    public boolean setsVersion() {
        return setsVersion;
    }

    /** The new firmware version, when {@link #setsVersion()}; null clears it. */
    public @Nullable String version() {
        return version;
    }

    /** The new online flag, when set. */
    public Optional<Boolean> online() {
        return Optional.ofNullable(online);
    }

    /** The revision the device must have for the update to apply, when set. */
    public OptionalLong expectedRevision() {
        return expectedRevision == 0 ? OptionalLong.empty() : OptionalLong.of(expectedRevision);
    }

    /**
     * Whether this update may apply to {@code current}: true unless an expected revision was
     * set and differs from the device's.
     */
    public boolean appliesTo(Device current) {
        return expectedRevision == 0 || expectedRevision == current.revision();
    }

    /**
     * {@code current} with this update applied: attributes changed, revision bumped, updated
     * {@code at}; status, hold and account as they were.
     */
    public Device applyTo(Device current, Instant at) {
        return new Device(current.id(), current.type(), current.uuid(), current.serialNumber(), current.mac(),
                current.status(),
                setsName ? name : current.name(),
                setsVersion ? version : current.version(),
                current.createdAt(), at,
                online != null ? online : current.online(),
                current.revision() + 1, current.reservation(), current.account());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceUpdate other && setsName == other.setsName && Objects.equals(name, other.name)
                && setsVersion == other.setsVersion && Objects.equals(version, other.version)
                && Objects.equals(online, other.online) && expectedRevision == other.expectedRevision;
    }

    @Override
    public int hashCode() {
        return Objects.hash(setsName, name, setsVersion, version, online, expectedRevision);
    }

    @Override
    public String toString() {
        StringJoiner parts = new StringJoiner(", ", "DeviceUpdate[", "]");
        if (setsName) {
            parts.add("name=" + name);
        }
        if (setsVersion) {
            parts.add("version=" + version);
        }
        if (online != null) {
            parts.add("online=" + online);
        }
        if (expectedRevision != 0) {
            parts.add("expectedRevision=" + expectedRevision);
        }
        return parts.toString();
    }

    /** Builds a {@link DeviceUpdate}. Not thread-safe. */
    public static final class Builder {
        private boolean setsName;
        private @Nullable String name;
        private boolean setsVersion;
        private @Nullable String version;
        private @Nullable Boolean online;
        private @Nullable Long expectedRevision;

        private Builder() {
        }

        /** Sets the name; null or blank clears it. */
        public Builder name(@Nullable String name) {
            this.setsName = true;
            this.name = name;
            return this;
        }

        /** Sets the firmware version; null or blank clears it. */
        public Builder version(@Nullable String version) {
            this.setsVersion = true;
            this.version = version;
            return this;
        }

        /** Sets the online flag. */
        public Builder online(boolean online) {
            this.online = online;
            return this;
        }

        /**
         * Applies the update only if the device's revision is still this one; otherwise the update
         * fails with {@link ErrorCode#REVISION_MISMATCH}.
         */
        public Builder expectedRevision(long revision) {
            this.expectedRevision = revision;
            return this;
        }

        /**
         * The validated update.
         *
         * @throws ValidationException with every invalid field, or if the update changes nothing
         */
        public DeviceUpdate build() {
            FieldErrors errors = new FieldErrors();
            String checkedName = setsName ? errors.text(DeviceField.NAME, name) : null;
            String checkedVersion = setsVersion ? errors.text(DeviceField.VERSION, version) : null;
            if (expectedRevision != null && expectedRevision < 1) {
                errors.add("expected_revision", "must be positive");
            }
            if (!setsName && !setsVersion && online == null) {
                errors.add("update", "must set at least one of name, version, online");
            }
            errors.throwIfAny();
            return new DeviceUpdate(setsName, checkedName, setsVersion, checkedVersion, online,
                    expectedRevision == null ? 0 : expectedRevision);
        }
    }
}
