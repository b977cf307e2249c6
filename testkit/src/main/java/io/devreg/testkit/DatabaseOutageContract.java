package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * A reliability contract: a database outage in the middle of a run. Writers keep calling while the
 * database is stopped and started again. While it is down every call fails with
 * {@link StorageException} within {@link #callBound()}, saying the connection failed (its message
 * mentions the connection); when it is back, the same registry instance, never rebuilt, works again
 * and nothing is inconsistent ({@link RegistryInvariants}). A test class extends it and supplies the
 * store and the means to stop and start its database:
 *
 * <pre>{@code
 * class MyStoreOutageTest extends DatabaseOutageContract {
 *     protected DeviceStore createStore() {
 *         return new MyDeviceStore(poolWithConnectionTimeout(Duration.ofSeconds(1)));
 *     }
 *     protected void stopDatabase() { server.stop(); }
 *     protected void startDatabase() { server.start(); } // the same data
 *     protected Duration callBound() { return Duration.ofSeconds(5); }
 * }
 * }</pre>
 *
 * It publishes its {@link Figures}.
 */
public abstract class DatabaseOutageContract {

    private static final int THREADS = 4;

    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** Subclasses supply the store and the database's stop and start. */
    protected DatabaseOutageContract() {
    }

    /** A fresh, empty store on the database, serving four threads at once; closed after the test. */
    protected abstract DeviceStore createStore();

    /** Stops the database, as an outage would: every connection breaks, no new one can be made. */
    protected abstract void stopDatabase();

    /** Starts the database again, with the data it had when it stopped. */
    protected abstract void startDatabase();

    /**
     * How long a call may take while the database is down: the store's documented bound (a pool's
     * connection timeout, say) plus slack for a busy machine.
     */
    protected abstract Duration callBound();

    @Test
    void whileTheDatabaseIsDownCallsFailFastAndTheSameRegistryRecoversWhenItIsBack() throws Exception {
        try (DeviceStore store = createStore()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long id = registry.register(NewDevice.builder("outage").serialNumber("sn-" + i).build()).id();
                registry.markAvailable(DeviceRef.id(id));
                ids.add(id);
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicBoolean down = new AtomicBoolean(false);
            LongAccumulator slowestWhileDown = new LongAccumulator(Math::max, 0);
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                SplittableRandom random = new SplittableRandom(t);
                writers.add(threads.submit(() -> write(registry, ids, random, running, down, slowestWhileDown)));
            }

            Thread.sleep(1_000);
            long callsBeforeOutage = calls.get();
            assertThat(failures.get()).as("failures while the database was up").isZero();
            stopDatabase();
            down.set(true);
            Thread.sleep(3_000);
            long failuresWhileDown = failures.get();
            down.set(false);
            long restartedAt = System.nanoTime();
            startDatabase();
            long recoveredAfter = awaitRecovery(registry, ids.get(0));
            long failuresBeforeRecovery = failures.get();
            Thread.sleep(1_000);
            running.set(false);
            for (Future<?> writer : writers) {
                writer.get(1, TimeUnit.MINUTES);
            }
            threads.shutdown();

            assertThat(unexpected).as("exceptions other than DeviceException and StorageException").isEmpty();
            assertThat(failuresWhileDown).as("calls failed while the database was down").isPositive();
            assertThat(Duration.ofNanos(slowestWhileDown.get())).as("the slowest call while down").isLessThan(callBound());
            assertThat(failures.get()).as("no failure once the registry had recovered").isEqualTo(failuresBeforeRecovery);
            for (long id : ids) {
                RegistryStep.makeAvailable(registry, id);
                registry.reserve(DeviceRef.id(id));
            }
            RegistryInvariants.Counts counts = RegistryInvariants.check(registry);
            Figures.of(getClass().getSimpleName()).put("threads", THREADS).put("callsBeforeOutage", callsBeforeOutage)
                    .put("failuresWhileDown", failuresWhileDown)
                    .put("slowestCallWhileDownMs", TimeUnit.NANOSECONDS.toMillis(slowestWhileDown.get()))
                    .put("recoveredMsAfterRestart", TimeUnit.NANOSECONDS.toMillis(recoveredAfter - restartedAt))
                    .put("calls", calls.get()).put("devices", counts.devices()).put("events", counts.events()).publish();
        }
    }

    private void write(DeviceRegistry registry, List<Long> ids, SplittableRandom random, AtomicBoolean running,
            AtomicBoolean down, LongAccumulator slowestWhileDown) {
        while (running.get()) {
            boolean wasDown = down.get();
            long start = System.nanoTime();
            try {
                RegistryStep step = RegistryStep.values()[random.nextInt(RegistryStep.values().length)];
                step.run(registry, ids.get(random.nextInt(ids.size())));
            } catch (DeviceException e) {
                // refused by the rules: the registry answered
            } catch (StorageException e) {
                failures.incrementAndGet();
                if (wasDown && down.get()) {
                    assertMentionsTheConnection(e);
                }
            } catch (Throwable e) {
                unexpected.add(e);
            } finally {
                calls.incrementAndGet();
                if (wasDown && down.get()) {
                    slowestWhileDown.accumulate(System.nanoTime() - start);
                }
            }
        }
    }

    private void assertMentionsTheConnection(StorageException e) {
        if (!e.getMessage().contains("connection")) {
            unexpected.add(new AssertionError("A failure while the database was down does not say so: " + e, e));
        }
    }

    /** Waits until a read succeeds again; returns when (System.nanoTime()). */
    private static long awaitRecovery(DeviceRegistry registry, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                registry.get(DeviceRef.id(id));
                return System.nanoTime();
            } catch (StorageException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("The registry did not recover within 60 s of the restart");
    }
}
