package io.devreg;

/**
 * The root of every exception devreg throws. All are unchecked:
 * {@link DeviceException} (the device's state refuses the operation, or it does not exist),
 * {@link ValidationException} (bad input; nothing was stored) and
 * {@link io.devreg.spi.StorageException} (the store failed).
 */
public abstract class DeviceRegistryException extends RuntimeException {

    /** @param message what happened, naming the device or input concerned */
    protected DeviceRegistryException(String message) {
        super(message);
    }

    /**
     * @param message what happened, naming the device or input concerned
     * @param cause   the underlying failure
     */
    protected DeviceRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
