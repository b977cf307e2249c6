package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.TransitionTable;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reliability contract for a store on a JDBC database: injected database faults (see
 * {@link FaultInjectingDataSource}) under a registry on a real database. Every call succeeds, is
 * refused by the rules, or throws {@link StorageException}, never anything else; a failure before the
 * commit leaves nothing behind; a failure at or after the commit leaves exactly one of the two
 * possible states, which a re-read and the history agree on, and a write that may have applied says
 * so ({@link StorageException#outcomeUnknown()}); a failed write that does not say so did not
 * happen; the invariants hold ({@link RegistryInvariants}); and once the faults stop, every operation
 * works again on the same registry (no leaked connection, no stale cache).
 *
 * <p>A test class extends it and supplies a database and the store under test on a DataSource:
 *
 * <pre>{@code
 * class MyStoreFaultsTest extends InjectedFaultsContract {
 *     private final String schema = freshSchemaName();
 *
 *     protected DataSource createDatabase() {
 *         return newPool(); // closed after the test if it is AutoCloseable
 *     }
 *
 *     protected DeviceStore openStore(DataSource dataSource, boolean truth) {
 *         return new MyDeviceStore(dataSource, schema, truth ? noCache() : myUsualCache());
 *     }
 * }
 * }</pre>
 *
 * Its scale grows with {@link Soak}; it publishes its {@link Figures}.
 */
public abstract class InjectedFaultsContract {

    private static final Set<DatabaseFault> BEFORE_COMMIT = EnumSet.of(DatabaseFault.GET_CONNECTION,
            DatabaseFault.STATEMENT);
    private static final Set<DatabaseFault> AT_OR_AFTER_COMMIT = EnumSet.of(DatabaseFault.COMMIT,
            DatabaseFault.AFTER_COMMIT);

    private FaultyDatabase database;
    private FaultInjectingDataSource faulty;
    private DeviceRegistry registry;
    /** The same data through a store on the database itself, without a cache: what the database holds. */
    private DeviceRegistry truth;
    private final SplittableRandom random = new SplittableRandom(20261127);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    /** Subclasses supply the database and the store. */
    protected InjectedFaultsContract() {
    }

    /** A real database for one test, with room for two stores' connections; closed after it if it is {@link AutoCloseable}. */
    protected abstract DataSource createDatabase();

    /**
     * Opens the store under test on {@code dataSource}, on the same data every time within a test (and
     * on data of its own for each test). Called twice per test: first with the fault-injecting
     * DataSource ({@code truth} false: the store as it is used, cache included), then with the database
     * itself ({@code truth} true: it must read what the database holds, so without any cache).
     */
    protected abstract DeviceStore openStore(DataSource dataSource, boolean truth);

    @BeforeEach
    void openStores() {
        database = FaultyDatabase.open(createDatabase(), random.nextLong(), this::openStore);
        faulty = database.faulty;
        registry = DeviceRegistry.builder().store(database.store).build();
        truth = DeviceRegistry.builder().store(database.truth).build();
    }

    @AfterEach
    void closeStores() throws Exception {
        database.close();
    }

    @Test
    void underMixedFaultsFromFourThreadsEveryCallSucceedsIsRefusedOrThrowsStorageException() throws Exception {
        List<Long> ids = registerDevices(20);
        int operations = Soak.scale(1_200, 40_000);
        Queue<Device> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        faulty.inject(0.15, EnumSet.allOf(DatabaseFault.class));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            SplittableRandom mine = random.split();
            done.add(threads.submit(() -> {
                for (int i = 0; i < operations / 4; i++) {
                    RegistryStep step = RegistryStep.values()[mine.nextInt(RegistryStep.values().length)];
                    try {
                        step.run(registry, ids.get(mine.nextInt(ids.size()))).ifPresent(acknowledged::add);
                        count("succeeded");
                    } catch (DeviceException e) {
                        count("refused");
                    } catch (StorageException e) {
                        count("storageException");
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(5, TimeUnit.MINUTES);
        }
        threads.shutdown();
        faulty.heal();

        assertThat(unexpected).as("exceptions other than DeviceException and StorageException").isEmpty();
        RegistryInvariants.Counts counts = RegistryInvariants.check(registry);
        for (Device device : acknowledged) {
            assertThat(truth.get(DeviceRef.id(device.id())).revision()).as("acknowledged %s", device)
                    .isGreaterThanOrEqualTo(device.revision());
        }
        for (long id : ids) { // the same registry works again: every device goes round once more
            RegistryStep.makeAvailable(registry, id);
            assertThat(registry.reserve(DeviceRef.id(id)).status()).isEqualTo(DeviceStatus.RESERVED);
            assertThat(truth.get(DeviceRef.id(id))).isEqualTo(registry.get(DeviceRef.id(id)));
        }
        RegistryInvariants.check(registry);
        publish("mixed", operations, counts);
    }

    @Test
    void aFailureBeforeTheCommitLeavesNothingBehind() {
        List<Long> ids = registerDevices(10);
        int operations = Soak.scale(400, 10_000);
        for (int i = 0; i < operations; i++) {
            long id = ids.get(random.nextInt(ids.size()));
            RegistryStep step = RegistryStep.values()[random.nextInt(RegistryStep.values().length)];
            Device before = truth.get(DeviceRef.id(id));
            List<DeviceEvent> historyBefore = truth.history(DeviceRef.id(id));
            faulty.inject(0.3, BEFORE_COMMIT);
            Optional<Device> written;
            try {
                written = step.run(registry, id);
                count("succeeded");
            } catch (StorageException e) {
                faulty.heal();
                assertThat(truth.get(DeviceRef.id(id))).as("%s failed before its commit: %s", step, e).isEqualTo(before);
                assertThat(truth.history(DeviceRef.id(id))).isEqualTo(historyBefore);
                assertThat(registry.get(DeviceRef.id(id))).isEqualTo(before);
                count("failedAndLeftNothing");
                continue;
            } catch (DeviceException e) {
                written = Optional.empty();
                count("refused");
            }
            faulty.heal();
            Device after = truth.get(DeviceRef.id(id));
            assertThat(after).isEqualTo(written.orElse(before));
        }
        publish("beforeCommit", operations, RegistryInvariants.check(registry));
    }

    @Test
    void aFailureAtOrAfterTheCommitLeavesOneOfTheTwoPossibleStatesAndSaysSoWhenItMayHaveApplied() {
        List<Long> ids = registerDevices(10);
        int operations = Soak.scale(400, 10_000);
        for (int i = 0; i < operations; i++) {
            long id = ids.get(random.nextInt(ids.size()));
            RegistryStep step = RegistryStep.values()[random.nextInt(RegistryStep.UPDATE.ordinal() + 1)];
            Device before = truth.get(DeviceRef.id(id));
            List<DeviceEvent> historyBefore = truth.history(DeviceRef.id(id));
            registry.get(DeviceRef.uuid(before.uuid())); // a cached store now also knows it by reference
            faulty.inject(0.5, AT_OR_AFTER_COMMIT);
            try {
                step.run(registry, id);
                count("succeeded");
            } catch (DeviceException e) {
                count("refused");
            } catch (StorageException e) {
                faulty.heal();
                // How a caller finds out: re-read the device (or its history) once the database answers.
                Device after = registry.get(DeviceRef.id(id));
                List<DeviceEvent> history = registry.history(DeviceRef.id(id));
                assertThat(after).as("re-read after %s: %s", step, e).isEqualTo(truth.get(DeviceRef.id(id)));
                assertThat(registry.get(DeviceRef.uuid(before.uuid()))).as("re-read by uuid after %s", step)
                        .isEqualTo(after);
                if (!e.outcomeUnknown()) { // e.g. the read that classifies a refusal failed
                    assertThat(after).as("%s failed without saying its outcome is unknown: %s", step, e).isEqualTo(before);
                    assertThat(history).isEqualTo(historyBefore);
                    count("failedAndLeftNothing");
                } else if (after.equals(before)) {
                    assertThat(history).isEqualTo(historyBefore);
                    count("unknownOutcomeNotApplied");
                } else {
                    assertThat(after.revision()).isEqualTo(before.revision() + 1);
                    Optional<TransitionTable.Rule> rule = step.rule();
                    if (rule.isPresent()) {
                        assertThat(rule.get().allows(before.status())).isTrue();
                        assertThat(after.status()).isEqualTo(rule.get().to());
                        assertThat(history).hasSize(historyBefore.size() + 1).startsWith(
                                historyBefore.toArray(DeviceEvent[]::new));
                        assertThat(history.get(history.size() - 1).to()).isEqualTo(after.status());
                    } else {
                        assertThat(history).isEqualTo(historyBefore);
                    }
                    count("unknownOutcomeApplied");
                }
            }
            faulty.heal();
        }
        for (int i = 0; i < Soak.scale(50, 1_000); i++) {
            faulty.inject(0.5, AT_OR_AFTER_COMMIT);
            NewDevice device = NewDevice.builder("faulty").serialNumber("late-" + i).build();
            try {
                registry.register(device);
                count("registered");
            } catch (StorageException e) {
                faulty.heal();
                Optional<Device> found = registry.find(DeviceRef.uuid(device.uuid()));
                assertThat(found).isEqualTo(truth.find(DeviceRef.uuid(device.uuid())));
                found.ifPresent(d -> assertThat(registry.history(DeviceRef.id(d.id()))).hasSize(1));
                assertThat(found.isEmpty() || e.outcomeUnknown()).as("registered although %s", e).isTrue();
                count(found.isPresent() ? "unknownRegistrationApplied" : "unknownRegistrationNotApplied");
            }
            faulty.heal();
        }
        publish("atOrAfterCommit", operations, RegistryInvariants.check(registry));
    }

    private List<Long> registerDevices(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(registry.register(NewDevice.builder("faulty").serialNumber("sn-" + i).build()).id());
        }
        return ids;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    private void publish(String scenario, int operations, RegistryInvariants.Counts counts) {
        Figures figures = Figures.of(getClass().getSimpleName() + "." + scenario).put("operations", operations);
        new TreeMap<>(outcomes).forEach((outcome, n) -> figures.put(outcome, n.sum()));
        faulty.injected().forEach((fault, n) -> figures.put("faults." + fault, n));
        figures.put("devices", counts.devices()).put("events", counts.events()).publish();
    }
}
