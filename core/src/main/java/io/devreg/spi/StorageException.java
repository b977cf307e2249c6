package io.devreg.spi;

import io.devreg.DeviceRegistryException;

/**
 * The store failed: the database is unreachable, a statement failed, an I/O error occurred. The
 * operation did not happen, unless the message says its outcome is unknown (a failure during or
 * after commit); then re-read the device, or its history, to learn which.
 */
public class StorageException extends DeviceRegistryException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
