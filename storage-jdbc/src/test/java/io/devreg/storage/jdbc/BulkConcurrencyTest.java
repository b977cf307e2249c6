package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.BulkResult;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowOutcome;
import io.devreg.RowResult;
import io.devreg.spi.WriteContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bulk registration while other writers write the same keys and devices. A chunk decides its rows on
 * what it read; a writer that commits a key of the chunk, or a change to a device the chunk updates,
 * between that read and the chunk's batches makes the chunk run again row by row, and no row ends
 * otherwise than it would have one by one. On PostgreSQL a concurrent writer is held inside its
 * transaction (devreg's own statements, on a connection of the test's) until the import waits for it.
 */
class BulkConcurrencyTest {

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<JdbcDeviceStore> stores = new ArrayList<>();

    @AfterEach
    void closeStoresAndPools() {
        stores.forEach(JdbcDeviceStore::close);
        pools.forEach(HikariDataSource::close);
    }

    private DeviceRegistry instance(Dialect dialect, String prefix) {
        HikariDataSource pool = TestDatabases.newPool(dialect, config -> config.setMaximumPoolSize(4));
        pools.add(pool);
        JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(prefix).build();
        stores.add(store);
        return DeviceRegistry.builder().store(store).build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CREATE, FAILED", "CREATE_OR_UPDATE, UPDATED"})
    void aKeyRegisteredConcurrentlyBetweenTheReadAndTheInsertEndsItsRowAsIfRegisteredAfterIt(ImportMode mode,
            RowOutcome contested) throws Exception {
        // given a registration of the key "contested", inside its transaction, not committed
        String prefix = TestDatabases.freshPrefix();
        DeviceRegistry registry = instance(Dialect.POSTGRESQL, prefix);
        List<NewDevice> rows = List.of(
                NewDevice.builder("router").serialNumber("before").build(),
                NewDevice.builder("router").serialNumber("contested").name("imported").build(),
                NewDevice.builder("router").serialNumber("after").build());
        Statements statements = Statements.of(Dialect.POSTGRESQL, new Tables(prefix));
        try (Handle concurrent = Jdbi.open(TestDatabases.postgres())) {
            concurrent.begin();
            Device other = statements.insert(NewDevice.builder("router").serialNumber("contested").name("theirs").build(),
                    WriteContext.at(Instant.now()), 0).work().on(concurrent).orElseThrow();

            // when the import runs meanwhile, and the registration commits once the import waits for its key
            BulkResult result = whileWaitingForALock(() -> registry.registerAll(rows, mode), concurrent::commit);

            // then the contested row ends as it would after that registration, the others as they would anyway
            assertThat(result.rows()).extracting(RowResult::outcome)
                    .containsExactly(RowOutcome.CREATED, contested, RowOutcome.CREATED);
            RowResult row = result.rows().get(1);
            if (contested == RowOutcome.FAILED) {
                assertThat(row.code()).isEqualTo(ErrorCode.DEVICE_ALREADY_REGISTERED);
                assertThat(registry.get(DeviceRef.id(other.id())).name()).isEqualTo("theirs");
            } else {
                Device updated = Objects.requireNonNull(row.device());
                assertThat(updated.id()).isEqualTo(other.id());
                assertThat(updated.name()).isEqualTo("imported");
                assertThat(updated.revision()).isEqualTo(2);
            }
            assertThat(result.rows().get(0).device().id()).isLessThan(result.rows().get(2).device().id());
            assertThat(feed(registry)).extracting(DeviceEvent::deviceId).containsExactlyInAnyOrder(other.id(),
                    result.rows().get(0).device().id(), result.rows().get(2).device().id());
        }
    }

    @Test
    void aDeviceChangedConcurrentlyBetweenTheReadAndTheUpdateIsUpdatedOnItsNewState() throws Exception {
        // given a device, and an update of it inside its transaction, not committed
        String prefix = TestDatabases.freshPrefix();
        DeviceRegistry registry = instance(Dialect.POSTGRESQL, prefix);
        Device device = registry.register(NewDevice.builder("router").serialNumber("sn").name("old").build());
        Statements statements = Statements.of(Dialect.POSTGRESQL, new Tables(prefix));
        try (Handle concurrent = Jdbi.open(TestDatabases.postgres())) {
            concurrent.begin();
            statements.update(DeviceRef.id(device.id()), DeviceUpdate.builder().version("9.9").build(), Instant.now())
                    .work().on(concurrent).orElseThrow();

            // when an import updates the device meanwhile, and the update commits once the import waits for it
            BulkResult result = whileWaitingForALock(() -> registry.registerAll(List.of(
                    NewDevice.builder("router").serialNumber("sn").name("imported").online(true).build()),
                    ImportMode.CREATE_OR_UPDATE), concurrent::commit);

            // then the import's update follows the concurrent one, which it neither lost nor overwrote unseen
            Device updated = Objects.requireNonNull(result.rows().get(0).device());
            assertThat(result.rows().get(0).outcome()).isEqualTo(RowOutcome.UPDATED);
            assertThat(updated.revision()).isEqualTo(3);
            assertThat(List.of(String.valueOf(updated.name()), String.valueOf(updated.version()))).containsExactly(
                    "imported", "null");
            assertThat(updated.online()).isTrue();
            assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(updated);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POSTGRESQL, CREATE", "POSTGRESQL, CREATE_OR_UPDATE", "H2, CREATE", "H2, CREATE_OR_UPDATE"})
    void twoImportersRacingOverOverlappingRowsRegisterEachDeviceOnceWithOneEvent(Dialect dialect, ImportMode mode)
            throws Exception {
        // given two instances on one database, each importing 3,000 rows, the second's first 2,500 the first's last
        String prefix = TestDatabases.freshPrefix();
        List<DeviceRegistry> instances = List.of(instance(dialect, prefix), instance(dialect, prefix));
        int rows = 3_000;
        int offset = 500;
        Function<Integer, List<NewDevice>> importing = first -> IntStream.range(first, first + rows)
                .mapToObj(n -> NewDevice.builder("router").mac(String.format("02:00:00:%02x:%02x:%02x", n >> 16,
                        (n >> 8) & 0xff, n & 0xff)).serialNumber("sn-" + n).version("1.0").build())
                .toList();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<BulkResult> results = new ArrayList<>();
        try {
            // when both import at once, in chunks that overlap in time and in keys
            List<Future<BulkResult>> imports = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                DeviceRegistry registry = instances.get(i);
                List<NewDevice> own = importing.apply(i * offset);
                imports.add(threads.submit(() -> {
                    start.await(1, TimeUnit.MINUTES);
                    return registry.registerAll(own, mode);
                }));
            }
            for (Future<BulkResult> running : imports) {
                results.add(running.get(2, TimeUnit.MINUTES));
            }
        } finally {
            threads.shutdownNow();
        }

        // then every serial number was registered exactly once, by one of them; the other's row found it
        Map<String, List<RowResult>> bySerial = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            List<NewDevice> own = importing.apply(i * offset);
            for (RowResult row : results.get(i).rows()) {
                bySerial.computeIfAbsent(own.get(row.index()).serialNumber(), serial -> new ArrayList<>()).add(row);
            }
        }
        assertThat(bySerial).hasSize(rows + offset);
        assertThat(bySerial.values().stream().filter(both -> both.size() == 2)).hasSize(rows - offset);
        RowOutcome loser = mode == ImportMode.CREATE ? RowOutcome.FAILED : RowOutcome.UNCHANGED;
        for (Map.Entry<String, List<RowResult>> serial : bySerial.entrySet()) {
            List<RowOutcome> outcomes = serial.getValue().stream().map(RowResult::outcome).toList();
            assertThat(outcomes).as(serial.getKey()).containsOnlyOnce(RowOutcome.CREATED);
            assertThat(outcomes).as(serial.getKey()).allMatch(outcome -> outcome == RowOutcome.CREATED || outcome == loser);
            serial.getValue().stream().filter(row -> row.outcome() == RowOutcome.FAILED).forEach(row ->
                    assertThat(row.code()).isEqualTo(ErrorCode.DEVICE_ALREADY_REGISTERED));
        }
        // and the feed holds exactly one REGISTER event per device: none lost, none twice
        Set<Long> created = new HashSet<>();
        results.forEach(result -> result.rows().stream().filter(row -> row.outcome() == RowOutcome.CREATED)
                .forEach(row -> created.add(Objects.requireNonNull(row.device()).id())));
        List<DeviceEvent> feed = feed(instances.get(0));
        assertThat(feed).allSatisfy(event -> assertThat(event.operation()).isEqualTo(DeviceOperation.REGISTER));
        assertThat(feed).extracting(DeviceEvent::deviceId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(created);
    }

    /**
     * Runs {@code work} on a thread of its own; once the database shows a session waiting for a lock
     * (the work waiting for the held transaction), runs {@code release}; answers the work's result.
     */
    private static <T> T whileWaitingForALock(java.util.concurrent.Callable<T> work, ThrowingRunnable release)
            throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Handle observer = Jdbi.open(TestDatabases.postgres())) {
            Future<T> running = thread.submit(work);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (observer.createQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    .mapTo(Integer.class).one() == 0) {
                assertThat(running.isDone()).as("the work finished without waiting for the held transaction").isFalse();
                assertThat(Instant.now()).as("a session waiting for a lock").isBefore(deadline);
                Thread.sleep(10);
            }
            release.run();
            return running.get(1, TimeUnit.MINUTES);
        } finally {
            thread.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static List<DeviceEvent> feed(DeviceRegistry registry) {
        List<DeviceEvent> all = new ArrayList<>();
        for (List<DeviceEvent> page = registry.events(0, 1000); !page.isEmpty();
                page = registry.events(page.get(page.size() - 1).sequence(), 1000)) {
            all.addAll(page);
        }
        return all;
    }
}
