package io.devreg.spi;

import io.devreg.DeviceRegistryException;

/**
 * The store failed: the database is unreachable, a statement failed, an I/O error occurred. The
 * operation did not happen, unless the message says its outcome is unknown (a failure during or
 * after commit); then re-read the device, or its history, to learn which.
 */
public class StorageException extends DeviceRegistryException {

    /** @param message what failed, and whether the outcome of the operation is unknown */
    public StorageException(String message) {
        super(message);
    }

    /**
     * @param message what failed, and whether the outcome of the operation is unknown
     * @param cause   the database's or the file system's exception
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
