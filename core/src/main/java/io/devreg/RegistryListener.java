package io.devreg;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Hears what a registry did: each operation with how long it took and how it ended, and the holds
 * {@link DeviceRegistry#expireHolds} ended. For metrics and tracing (the Spring Boot starter binds one
 * to Micrometer); devreg's core itself depends on no such library. Set with
 * {@link DeviceRegistryBuilder#listener}; a registry without a listener pays nothing for this.
 *
 * <p>Called on the caller's thread, after the operation, from many threads at once: keep it fast and
 * thread-safe, and do not throw (an exception from a listener reaches the caller).
 */
public interface RegistryListener {

    /**
     * An operation of the registry (or of one of its {@link DeviceRegistry#with views}) finished.
     *
     * @param operation the method's name, e.g. {@code "reserve"}, {@code "get"}, {@code "registerAll"}
     * @param duration  how long it took
     * @param failure   what it threw, or null when it returned: a {@link DeviceException} (its
     *                  {@link DeviceException#code()}), a {@link ValidationException}, or an
     *                  {@link io.devreg.spi.StorageException}
     */
    void operationFinished(String operation, Duration duration, @Nullable DeviceRegistryException failure);

    /** {@link DeviceRegistry#expireHolds} ended {@code count} holds (called only when it ended some). */
    default void holdsExpired(int count) {
    }
}
