package io.devreg;

/**
 * The root of every exception devreg throws. All are unchecked:
 * {@link DeviceException} (the device's state refuses the operation, or it does not exist),
 * {@link ValidationException} (bad input; nothing was stored) and
 * {@link io.devreg.spi.StorageException} (the store failed).
 */
public abstract class DeviceRegistryException extends RuntimeException {

    protected DeviceRegistryException(String message) {
        super(message);
    }

    protected DeviceRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
