package io.devreg.storage.memory;

import io.devreg.Device;
import org.jspecify.annotations.Nullable;

/**
 * One device of an {@link InMemoryDeviceStore}: its current {@link Version} and, as the
 * {@link History} it extends, its events; both written only under the cell's lock.
 */
final class Cell extends History {

    /**
     * A device's state as of the feed's publication of {@code sequence} (0: at once), and the state
     * readers see until then ({@code before}; null for a registration).
     */
    record Version(Device device, long sequence, @Nullable Device before) {
    }

    volatile Version version;

    Cell(Version version) {
        this.version = version;
    }

    /** The device's latest state; only for the holder of the cell's lock, or identity fields. */
    Device latest() {
        return version.device();
    }
}
