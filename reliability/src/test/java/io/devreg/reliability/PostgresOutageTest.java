package io.devreg.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.spi.StorageException;
import io.devreg.storage.jdbc.JdbcDeviceStore;
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
 * A PostgreSQL outage in the middle of a run: writers keep calling while the server is stopped and
 * started again on the same port and data directory. While it is down every call fails with
 * {@link StorageException} within the pool's connection timeout (the documented bound); when it is
 * back, the same registry instance, never rebuilt, works again and nothing is inconsistent.
 */
class PostgresOutageTest {

    /** HikariCP's connection timeout: how long a call waits for a connection before it fails. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /** The bound the test holds every call to while the server is down: the timeout, plus slack for a busy machine. */
    static final Duration CALL_BOUND = CONNECTION_TIMEOUT.plusSeconds(4);

    private static final int THREADS = 4;

    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    @Test
    void whileTheServerIsDownCallsFailFastAndTheSameRegistryRecoversWhenItIsBack() throws Exception {
        PostgresServer server = PostgresServer.shared(); // stopped and started again below
        try (HikariDataSource pool = pool(server);
                JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(TestStores.freshPrefix()).build()) {
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
            assertThat(failures.get()).as("failures while the server was up").isZero();
            server.stop();
            down.set(true);
            Thread.sleep(3_000);
            long failuresWhileDown = failures.get();
            down.set(false);
            long restartedAt = System.nanoTime();
            server.startAgain();
            long recoveredAfter = awaitRecovery(registry, ids.get(0));
            long failuresBeforeRecovery = failures.get();
            Thread.sleep(1_000);
            running.set(false);
            for (Future<?> writer : writers) {
                writer.get(1, TimeUnit.MINUTES);
            }
            threads.shutdown();

            assertThat(unexpected).as("exceptions other than DeviceException and StorageException").isEmpty();
            assertThat(failuresWhileDown).as("calls failed while the server was down").isPositive();
            assertThat(Duration.ofNanos(slowestWhileDown.get())).as("the slowest call while down").isLessThan(CALL_BOUND);
            assertThat(failures.get()).as("no failure once the registry had recovered").isEqualTo(failuresBeforeRecovery);
            for (long id : ids) {
                RegistryStep.makeAvailable(registry, id);
                registry.reserve(DeviceRef.id(id));
            }
            RegistryInvariants.Counts counts = RegistryInvariants.check(registry);
            Figures.of("PostgresOutageTest").put("threads", THREADS).put("callsBeforeOutage", callsBeforeOutage)
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

    private static HikariDataSource pool(PostgresServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(THREADS);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(500);
        config.addDataSourceProperty("connectTimeout", "1");
        config.addDataSourceProperty("socketTimeout", "5");
        return new HikariDataSource(config);
    }
}
