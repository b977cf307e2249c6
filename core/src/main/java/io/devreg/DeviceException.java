package io.devreg;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An operation refused because of a device: it does not exist, its status does not allow the
 * operation, it is already registered, or its revision changed. Nothing was changed.
 */
public final class DeviceException extends DeviceRegistryException {

    private final ErrorCode code;
    private final @Nullable Device device;

    /**
     * A refusal; the message gets the code's number and name appended.
     *
     * @param code    why
     * @param device  the device's current state, or null when it does not exist
     * @param message what was refused, naming the device
     */
    public DeviceException(ErrorCode code, @Nullable Device device, String message) {
        super(message + " [" + Objects.requireNonNull(code, "code").value() + ' ' + code.name() + ']');
        this.code = code;
        this.device = device;
    }

    /** Why the operation was refused. */
    public ErrorCode code() {
        return code;
    }

    /**
     * The device's state when the operation was refused, when it exists: the device in the wrong
     * status, the device already registered with the same key, or the device whose revision
     * changed. Empty for {@link ErrorCode#DEVICE_NOT_FOUND}.
     */
    public Optional<Device> device() {
        return Optional.ofNullable(device);
    }
}
