package io.devreg.spring.boot;

import io.devreg.DeviceRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the registry's housekeeping on a schedule: {@link DeviceRegistry#expireHolds} records the
 * expiry of holds nobody touched (expiry itself needs no schedule: a hold that ran out already reads as
 * available; this makes the change feed say so), then {@link DeviceRegistry#purgeIdempotencyKeys}
 * deletes keys older than the retention. Each calls again while a call comes back full, so a backlog is
 * worked off in one run. Both are safe on every application instance at once.
 *
 * <p><b>Its own thread.</b> The housekeeping runs on one daemon thread that this bean owns, starts with
 * the application context ({@link SmartLifecycle}, after every bean is ready) and stops before any
 * bean is destroyed, so never against a closed store. Not on Spring's {@code TaskScheduler}: Spring
 * Boot makes one only for applications that enable {@code @Scheduled} methods, which the starter must
 * not turn on for them, and a shared scheduler's single thread would make the application's own tasks
 * and devreg's database work wait for each other.
 *
 * <p><b>Failures.</b> A run that fails (the database is down, say) is logged at WARN with the error, and
 * the next run comes one interval later as usual: a failure never ends the schedule.
 */
public final class DevregHousekeeping implements SmartLifecycle {

    /** The largest batch {@link DeviceRegistry#expireHolds} and {@link DeviceRegistry#purgeIdempotencyKeys} take. */
    public static final int MAX_BATCH_SIZE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(DevregHousekeeping.class);

    /** How long {@link #stop()} waits for a run in progress. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final DeviceRegistry registry;
    private final Duration interval;
    private final int batchSize;
    private @Nullable ScheduledExecutorService executor;

    /**
     * Housekeeping of {@code registry} every {@code interval} (between the end of a run and the start of
     * the next, the first one interval after {@link #start()}), {@code batchSize} holds or keys per call.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive or {@code batchSize} is not
     *                                  between 1 and {@value #MAX_BATCH_SIZE}
     */
    public DevregHousekeeping(DeviceRegistry registry, Duration interval, int batchSize) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("devreg.housekeeping.interval must be positive, not " + interval);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("devreg.housekeeping.batch-size must be between 1 and " + MAX_BATCH_SIZE
                    + ", not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** Schedules the runs. */
    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "devreg-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        started.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
        executor = started;
    }

    /** Cancels the runs to come and waits up to 10 seconds for one in progress. */
    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /**
     * One run: expires holds, then purges keys, each until a call comes back short of a full batch.
     * Never throws; a failure of either is logged and the other still runs.
     */
    void runOnce() {
        drain("end expired holds", registry::expireHolds);
        drain("purge old idempotency keys", registry::purgeIdempotencyKeys);
    }

    private void drain(String what, IntUnaryOperator call) {
        try {
            int total = 0;
            int done;
            do {
                done = call.applyAsInt(batchSize);
                total += done;
            } while (done == batchSize);
            if (total > 0) {
                LOG.debug("devreg housekeeping: {}: {}", what, total);
            }
        } catch (VirtualMachineError e) {
            throw e; // out of memory, say: nothing sensible to continue with
        } catch (Throwable e) {
            LOG.warn("devreg housekeeping could not {}; it tries again in {}", what, interval, e);
        }
    }

    @Override
    public String toString() {
        return "DevregHousekeeping[every " + interval + ", batches of " + batchSize + ", " + registry + ']';
    }
}
