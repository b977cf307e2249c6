package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two stores, each with a pool of its own, on one database: what two application instances on one
 * PostgreSQL see (and, on H2, two pools in one JVM). Conditional writes have exactly one winner
 * across them, and a consumer of the feed misses nothing that either writes.
 */
class SharedDatabaseTest {

    private static final int THREADS = 8;

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<JdbcDeviceStore> stores = new ArrayList<>();

    @AfterEach
    void closeStoresAndPools() {
        stores.forEach(JdbcDeviceStore::close);
        pools.forEach(HikariDataSource::close);
    }

    /** Two registries on one database, as two instances of an application would have them. */
    private List<DeviceRegistry> twoInstances(Dialect dialect) {
        return twoInstances(dialect, TestDatabases.freshPrefix());
    }

    private List<DeviceRegistry> twoInstances(Dialect dialect, String prefix) {
        List<DeviceRegistry> registries = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            HikariDataSource pool = TestDatabases.newPool(dialect, config -> config.setMaximumPoolSize(THREADS));
            pools.add(pool);
            JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(prefix).build();
            stores.add(store);
            assertThat(store.dialect()).isEqualTo(dialect);
            registries.add(DeviceRegistry.builder().store(store).build());
        }
        return registries;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twoStoresRacingForTheSameDevicesGiveExactlyOneWinnerPerDevice(Dialect dialect) throws Exception {
        // given available devices, and callers spread over two instances
        List<DeviceRegistry> instances = twoInstances(dialect);
        List<Device> devices = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            Device device = instances.get(n % 2).register(NewDevice.builder("router").serialNumber("sn-" + n).build());
            devices.add(instances.get(0).markAvailable(DeviceRef.id(device.id())));
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicInteger caller = new AtomicInteger();
        Map<Long, AtomicInteger> winners = new ConcurrentHashMap<>();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());

        // when every caller tries to reserve every device at the same moment
        onThreads(THREADS, () -> {
            DeviceRegistry registry = instances.get(caller.getAndIncrement() % 2);
            for (Device device : devices) {
                start.await(1, TimeUnit.MINUTES);
                try {
                    registry.reserve(DeviceRef.identity("router", null, device.serialNumber()));
                    winners.computeIfAbsent(device.id(), id -> new AtomicInteger()).incrementAndGet();
                } catch (DeviceException e) {
                    if (e.code() != ErrorCode.DEVICE_RESERVED) {
                        unexpected.add(e);
                    }
                } catch (RuntimeException e) {
                    unexpected.add(e);
                }
            }
            return null;
        });

        // then each device was reserved once, and the others were told it is reserved
        assertThat(unexpected).isEmpty();
        for (Device device : devices) {
            assertThat(winners.get(device.id())).as("winners for %s", device).hasValue(1);
            Device stored = instances.get(1).get(DeviceRef.id(device.id()));
            assertThat(stored.status()).isEqualTo(DeviceStatus.RESERVED);
            assertThat(stored.revision()).isEqualTo(device.revision() + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aConsumerPollingWhileTwoStoresWriteSeesEveryEventOnceWithNoGapThatFillsLater(Dialect dialect) throws Exception {
        // given writers on two instances and a consumer polling the feed through one of them
        List<DeviceRegistry> instances = twoInstances(dialect);
        int writers = THREADS - 1;
        AtomicInteger running = new AtomicInteger(writers);
        AtomicInteger thread = new AtomicInteger();
        List<DeviceEvent> seen = Collections.synchronizedList(new ArrayList<>());

        // when the writers take devices round the lifecycle while the consumer polls in small windows
        onThreads(THREADS, () -> {
            int me = thread.getAndIncrement();
            if (me == writers) {
                consume(instances.get(0), running, seen);
                return null;
            }
            DeviceRegistry registry = instances.get(me % 2);
            try {
                for (int n = 0; n < 8; n++) {
                    Device device = registry.register(NewDevice.builder("router").serialNumber(me + "/" + n).build());
                    DeviceRef ref = DeviceRef.id(device.id());
                    registry.markAvailable(ref);
                    registry.reserve(ref);
                    registry.activate(ref, true);
                    registry.deactivate(ref);
                    registry.completeDeactivation(ref);
                }
            } finally {
                running.decrementAndGet();
            }
            return null;
        });

        // then it saw exactly the feed as it stands now: nothing skipped, nothing twice, in order
        List<DeviceEvent> feed = new ArrayList<>();
        for (List<DeviceEvent> page = instances.get(1).events(0, 1000); !page.isEmpty();
                page = instances.get(1).events(page.get(page.size() - 1).sequence(), 1000)) {
            feed.addAll(page);
        }
        assertThat(feed).hasSize(writers * 8 * 6);
        assertThat(seen).containsExactlyElementsOf(feed);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aWriterThatCommitsLateIsNotSkippedByAConsumerThatReadsALaterWriteFirst(Dialect dialect) throws Exception {
        // given a device whose next event's transaction will commit late, and a consumer at the feed's head
        String prefix = TestDatabases.freshPrefix();
        List<DeviceRegistry> instances = twoInstances(dialect, prefix);
        Device slow = instances.get(0).register(NewDevice.builder("router").serialNumber(SlowCommitTrigger.SLOW_SERIAL).build());
        instances.get(0).markAvailable(DeviceRef.id(slow.id()));
        delayCommitsOfTheSlowDevice(dialect, prefix);
        long head = instances.get(0).events(0, 1000).get(1).sequence();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // when the slow writer is inside its transaction and another instance writes meanwhile
            Future<Device> slowWrite = threads.submit(() -> instances.get(0).reserve(DeviceRef.id(slow.id())));
            Thread.sleep(SlowCommitTrigger.DELAY_MILLIS / 3);
            Future<Device> fastWrite = threads.submit(() -> instances.get(1).register(
                    NewDevice.builder("router").serialNumber("fast").build()));

            // then a consumer polling all the while sees both events, in sequence order, none skipped
            List<DeviceEvent> seen = new ArrayList<>();
            long after = head;
            boolean writesDone = false;
            while (true) {
                writesDone = writesDone || (slowWrite.isDone() && fastWrite.isDone()); // one more poll follows
                List<DeviceEvent> window = instances.get(1).events(after, 10);
                for (DeviceEvent event : window) {
                    seen.add(event);
                    after = event.sequence();
                }
                if (window.isEmpty() && writesDone) {
                    break;
                }
            }
            assertThat(slowWrite.get().status()).isEqualTo(DeviceStatus.RESERVED);
            assertThat(fastWrite.get().status()).isEqualTo(DeviceStatus.INITIALIZING);
            assertThat(seen).hasSize(2);
            assertThat(seen).containsExactlyElementsOf(instances.get(0).events(head, 10));
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Installs a trigger that sleeps {@link SlowCommitTrigger#DELAY_MILLIS} ms after inserting an
     * event of the device with serial number {@link SlowCommitTrigger#SLOW_SERIAL}: that transaction
     * has its event (and, with a sequence handed out at insert, its sequence number) but commits late.
     */
    private static void delayCommitsOfTheSlowDevice(Dialect dialect, String prefix) throws SQLException {
        DataSource database = dialect == Dialect.POSTGRESQL ? TestDatabases.postgres() : TestDatabases.h2InMemory();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                statement.execute("CREATE FUNCTION " + prefix + "slow_commit() RETURNS trigger LANGUAGE plpgsql AS '"
                        + "BEGIN IF (SELECT serial_number FROM " + prefix + "devices WHERE id = NEW.device_id) = ''"
                        + SlowCommitTrigger.SLOW_SERIAL + "'' THEN PERFORM pg_sleep(" + SlowCommitTrigger.DELAY_MILLIS
                        + " / 1000.0); END IF; RETURN NEW; END'");
                statement.execute("CREATE TRIGGER " + prefix + "slow_commit AFTER INSERT ON " + prefix + "device_events"
                        + " FOR EACH ROW EXECUTE FUNCTION " + prefix + "slow_commit()");
            } else {
                statement.execute("CREATE TRIGGER " + prefix + "slow_commit AFTER INSERT ON " + prefix + "device_events"
                        + " FOR EACH ROW CALL '" + SlowCommitTrigger.class.getName() + "'");
            }
        }
    }

    private static void consume(DeviceRegistry registry, AtomicInteger running, List<DeviceEvent> seen) {
        long after = 0;
        boolean writersDone = false;
        while (true) {
            writersDone = writersDone || running.get() == 0; // read before polling: one more poll follows
            List<DeviceEvent> window = registry.events(after, 3);
            for (DeviceEvent event : window) {
                assertThat(event.sequence()).isGreaterThan(after);
                after = event.sequence();
                seen.add(event);
            }
            if (window.isEmpty() && writersDone) {
                return;
            }
        }
    }

    private static void onThreads(int count, Callable<Void> task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(task));
            }
            for (Future<Void> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
