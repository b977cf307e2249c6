package io.devreg.spi;

import io.devreg.DeviceRegistryException;

/**
 * The store failed: the database is unreachable, a statement failed, an I/O error occurred. The
 * operation did not happen, unless {@link #outcomeUnknown()} says the store cannot tell (a failure
 * during or after the commit of a write); then re-read the device, or its history, to learn which,
 * or retry the write with the same idempotency key.
 */
public class StorageException extends DeviceRegistryException {

    private final boolean outcomeUnknown;

    /** @param message what failed; the operation did not happen */
    public StorageException(String message) {
        super(message);
        this.outcomeUnknown = false;
    }

    /**
     * @param message what failed; the operation did not happen
     * @param cause   the database's or the file system's exception
     */
    public StorageException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param message        what failed
     * @param cause          the database's or the file system's exception, if any
     * @param outcomeUnknown whether the store cannot tell if the write committed
     */
    public StorageException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * Whether the store cannot tell if the write committed: the acknowledgement of its commit was
     * lost (the connection broke during or after the commit). False means the operation did not
     * happen. A write retried with the same idempotency key is safe either way.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
