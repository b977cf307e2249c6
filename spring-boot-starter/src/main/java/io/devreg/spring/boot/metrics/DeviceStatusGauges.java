package io.devreg.spring.boot.metrics;

import io.devreg.DeviceStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@value #DEVICES}, tagged {@code status} ({@link DeviceStatus} names: {@code AVAILABLE},
 * {@code RESERVED}, ...): how many devices are in each status.
 *
 * <p><b>Refreshed, not read on demand.</b> A count reads the whole devices table, so it must not run at
 * every scrape (nor make a scrape wait on the database, or fail with it). One daemon thread that this
 * binder owns counts once when the gauges are bound and then every {@code interval}
 * ({@code devreg.metrics.device-count-interval}, 30 seconds by default: a database with many
 * instances of the application pays one scan per instance per interval, and the numbers are as fresh as
 * a dashboard needs). The gauges report the latest count; NaN before the first one and after a count
 * that failed (logged at WARN), until one succeeds. {@link #close()} stops the thread.
 */
public final class DeviceStatusGauges implements MeterBinder, AutoCloseable {

    /** The gauge's name. */
    public static final String DEVICES = "devreg.devices";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStatusGauges.class);

    private final DeviceStatusCounter counter;
    private final Duration interval;
    private volatile @Nullable Map<DeviceStatus, Long> counts;
    private @Nullable ScheduledExecutorService executor;
    private boolean closed;

    /**
     * Gauges of what {@code counter} counts every {@code interval}.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public DeviceStatusGauges(DeviceStatusCounter counter, Duration interval) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("devreg.metrics.device-count-interval must be positive, not " + interval);
        }
    }

    /** Registers one gauge per status in {@code registry} and starts counting, if it has not yet. */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (DeviceStatus status : DeviceStatus.values()) {
            Gauge.builder(DEVICES, this, gauges -> gauges.count(status))
                    .description("Devices of the devreg registry in each status")
                    .tag("status", status.name())
                    .baseUnit("devices")
                    .register(registry);
        }
        start();
    }

    private synchronized void start() {
        if (executor != null || closed) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "devreg-device-counts");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refresh, 0, Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Counts the devices now; the gauges report this count until the next. Never throws. */
    void refresh() {
        try {
            counts = Map.copyOf(counter.countByStatus());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            counts = null;
            LOG.warn("devreg could not count its devices by status; the devreg.devices gauges are NaN until it can", e);
        }
    }

    private double count(DeviceStatus status) {
        Map<DeviceStatus, Long> latest = counts;
        return latest == null ? Double.NaN : latest.getOrDefault(status, 0L);
    }

    /** Stops counting. */
    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public String toString() {
        return "DeviceStatusGauges[every " + interval + ", " + counter + ']';
    }
}
