package io.devreg.cli;

import io.devreg.DeviceRegistry;
import io.devreg.spi.StorageException;

/**
 * A registry for one command, and what closing it releases.
 *
 * @param registry  the registry
 * @param resources the store and whatever it runs on, if the command opened them; closed after it
 */
record OpenedRegistry(DeviceRegistry registry, AutoCloseable resources) implements AutoCloseable {

    /** Closes the resources; a failure to close is a store failure, since writes may be lost. */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (StorageException failure) {
            throw failure;
        } catch (Exception failure) {
            throw new StorageException("Closing the store failed: " + failure.getMessage(), failure);
        }
    }
}
