package io.devreg.spi;

import io.devreg.Device;
import java.util.Objects;

/**
 * The outcome of a conditional write: it applied, it was refused (with the device's current
 * state, so the caller can tell why without another read), or no device matched.
 */
public sealed interface WriteResult permits WriteResult.Applied, WriteResult.Refused, WriteResult.NotFound {

    /** The write applied; {@code device} is the state it produced. */
    record Applied(Device device) implements WriteResult {
        /** Checks the device is present. */
        public Applied {
            Objects.requireNonNull(device, "device");
        }
    }

    /** The write's condition did not hold; {@code current} is the device as it is. */
    record Refused(Device current) implements WriteResult {
        /** Checks the device is present. */
        public Refused {
            Objects.requireNonNull(current, "current");
        }
    }

    /** No device matched the reference. */
    record NotFound() implements WriteResult {
    }

    /** The one {@link NotFound} result. */
    WriteResult NOT_FOUND = new NotFound();
}
