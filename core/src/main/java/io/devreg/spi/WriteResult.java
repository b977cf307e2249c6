package io.devreg.spi;

import io.devreg.Device;
import java.util.Objects;

/**
 * The outcome of a conditional write: it applied, it was refused (with the device's current
 * state, so the caller can tell why without another read), no device matched, or its idempotency
 * key had been recorded by an earlier write (whose result it carries; nothing was written).
 */
public sealed interface WriteResult
        permits WriteResult.Applied, WriteResult.Refused, WriteResult.NotFound, WriteResult.Recorded {

    /** The write applied; {@code device} is the state it produced. */
    record Applied(Device device) implements WriteResult {
        /** Checks the device is present. */
        public Applied {
            Objects.requireNonNull(device, "device");
        }
    }

    /** The write's condition did not hold; {@code current} is the device as it is stored. */
    record Refused(Device current) implements WriteResult {
        /** Checks the device is present. */
        public Refused {
            Objects.requireNonNull(current, "current");
        }
    }

    /** No device matched the reference. */
    record NotFound() implements WriteResult {
    }

    /**
     * The write's idempotency key was recorded by an earlier write, with that write's fingerprint
     * and the device it returned; this write changed nothing.
     */
    record Recorded(String fingerprint, Device device) implements WriteResult {
        /** Checks the components are present. */
        public Recorded {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(device, "device");
        }
    }

    /** The one {@link NotFound} result. */
    WriteResult NOT_FOUND = new NotFound();
}
