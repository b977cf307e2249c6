package io.devreg.spring.boot.metrics;

import io.devreg.DeviceException;
import io.devreg.DeviceRegistryException;
import io.devreg.RegistryListener;
import io.devreg.ValidationException;
import io.devreg.spi.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The registry's operations as Micrometer meters:
 * <ul>
 *   <li>{@value #OPERATIONS}, a timer of every operation of the registry and of its views, tagged
 *       {@code operation} (the method's name: {@code reserve}, {@code get}, {@code expireHolds}, ...) and
 *       {@code outcome}: {@value #OK}, the {@link io.devreg.ErrorCode} name of a {@link DeviceException}
 *       ({@code DEVICE_RESERVED}, ...), {@value #VALIDATION_FAILED} for a {@link ValidationException},
 *       {@value #STORAGE_FAILED} for a {@link StorageException}.</li>
 *   <li>{@value #HOLDS_EXPIRED}, a counter of the holds {@link io.devreg.DeviceRegistry#expireHolds}
 *       ended (the housekeeping's; a hold that a later write found expired is ended by that write and
 *       not counted here).</li>
 * </ul>
 * Percentiles and histograms of the timer are Spring Boot's to switch on
 * ({@code management.metrics.distribution.percentiles-histogram.devreg.operations=true}).
 */
public final class MicrometerRegistryListener implements RegistryListener {

    /** The timer of operations. */
    public static final String OPERATIONS = "devreg.operations";
    /** The counter of holds that {@code expireHolds} ended. */
    public static final String HOLDS_EXPIRED = "devreg.holds.expired";
    /** The outcome of an operation that returned. */
    public static final String OK = "ok";
    /** The outcome of an operation that failed with a {@link ValidationException}. */
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    /** The outcome of an operation that failed with a {@link StorageException}. */
    public static final String STORAGE_FAILED = "STORAGE_FAILED";
    /** The outcome of an operation that failed with any other devreg exception. */
    public static final String FAILED = "FAILED";

    private final MeterProvider<Timer> operations;
    private final Counter holdsExpired;

    /** Meters in {@code registry}. */
    public MicrometerRegistryListener(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        operations = Timer.builder(OPERATIONS)
                .description("Operations of the devreg registry, by operation and outcome")
                .withRegistry(registry);
        // No base unit: Prometheus would append it, devreg_holds_expired_holds_total.
        holdsExpired = Counter.builder(HOLDS_EXPIRED)
                .description("Holds that devreg's expireHolds ended")
                .register(registry);
    }

    @Override
    public void operationFinished(String operation, Duration duration, @Nullable DeviceRegistryException failure) {
        operations.withTags("operation", operation, "outcome", outcome(failure)).record(duration);
    }

    @Override
    public void holdsExpired(int count) {
        holdsExpired.increment(count);
    }

    /** The {@code outcome} tag of an operation that threw {@code failure}, or returned when it is null. */
    static String outcome(@Nullable DeviceRegistryException failure) {
        if (failure == null) {
            return OK;
        }
        if (failure instanceof DeviceException refused) {
            return refused.code().name();
        }
        if (failure instanceof ValidationException) {
            return VALIDATION_FAILED;
        }
        return failure instanceof StorageException ? STORAGE_FAILED : FAILED;
    }
}
