package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.ErrorCode;
import io.devreg.RequestContext;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reliability contract for a store on a JDBC database: a caller who retries a write with its
 * idempotency key until it succeeds gets it applied exactly once, whatever the database did to the
 * tries before, and is answered with the device that one write produced.
 *
 * <p>Every write that takes a key, in each of its forms (register, mark available, reserve by request
 * and by reference, with and without a hold, extend, release, release by the holder, force-release,
 * activate in every form, on an account by the holder, deactivate, complete the deactivation, update),
 * is made through a {@link RequestContext} with a key of its own while {@link FaultInjectingDataSource}
 * makes the commit fail, or the moment right after it, or anything at all (getting a connection, a
 * statement, the commit, after the commit). The clock stands still while one write is tried. After
 * every failed try the database holds one of exactly two states: the device as it was, or the device
 * as the write applied once would have made it, with one more event, carrying the key; a try that
 * failed without saying its outcome is unknown ({@link StorageException#outcomeUnknown()} false) left
 * nothing at all. Then the caller retries with the same key (under the same faults) until a try
 * succeeds. That try must return the device the write produced, equal to what the database holds and
 * to what a fault-free first try would have returned (stated independently, per write); the device's
 * history must hold that write's event exactly once (an update appends no event: its revision rose by
 * exactly one); and the try must have been answered from the key's record ({@code onReplay}) exactly
 * when an earlier try had applied the write. Before one write in four, the same key is first used for
 * a request that must be refused (the write on a device that does not exist, a registration of an
 * identity already registered), under the same faults until it is refused: it must leave the feed as
 * it was and record nothing, or the write that follows with the key would be refused as a reuse. At
 * the end the whole feed carries each key at most once, and the registry's invariants hold
 * ({@link RegistryInvariants}).
 *
 * <p>A test class extends it and supplies a database and the store under test on a DataSource, exactly
 * as for {@link InjectedFaultsContract}:
 *
 * <pre>{@code
 * class MyStoreRetryTest extends IdempotentRetryContract {
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
 * Its scale grows with {@link Soak}; it publishes its {@link Figures}: per kind of the fault that
 * failed a write's first try, how many outcomes were unknown, how many of those had in fact applied,
 * and how many writes were retried until they were applied exactly once.
 */
public abstract class IdempotentRetryContract {

    /** The faults of one run: which kinds, and how likely each chance of one is. */
    public enum FaultRun {
        /** The commit fails before the database commits: the outcome is unknown, and in fact nothing happened. */
        COMMIT(0.5, EnumSet.of(DatabaseFault.COMMIT)),
        /** The database commits, then the caller sees a failure: the outcome is unknown, and in fact it happened. */
        AFTER_COMMIT(0.5, EnumSet.of(DatabaseFault.AFTER_COMMIT)),
        /**
         * Every kind of fault, those before the commit too, whose failures say the write did not happen;
         * a keyed write meets about ten chances of one (the connection, each statement, the commit).
         */
        MIXED(0.08, EnumSet.allOf(DatabaseFault.class));

        private final double rate;
        private final Set<DatabaseFault> kinds;

        FaultRun(double rate, Set<DatabaseFault> kinds) {
            this.rate = rate;
            this.kinds = kinds;
        }
    }

    /** The most tries of one write: at the runs' rates, a write needs more than 100 with odds below 10^-20. */
    static final int MAX_TRIES = 100;
    /** How many times more than the least made write another may be made before it is no longer preferred. */
    private static final int LEAD = 3;
    /** The number of a device that is never registered. */
    private static final int MISSING = 60_000;

    private final SplittableRandom random = new SplittableRandom(20261203);
    private FaultyDatabase database;
    private FaultInjectingDataSource faulty;
    private final ManualClock clock = ManualClock.at(StoreSpec.START);
    /** The store as it is used (its cache included), through the faults. */
    private DeviceRegistry registry;
    /** The same data read from the database itself. */
    private DeviceRegistry truth;
    private final Map<String, Long> figures = new TreeMap<>();
    private final Map<KeyedWrite, Integer> made = new EnumMap<>(KeyedWrite.class);
    private final Map<KeyedWrite, Integer> unknownRetried = new EnumMap<>(KeyedWrite.class);
    private final Map<KeyedWrite, Integer> failed = new EnumMap<>(KeyedWrite.class);

    /** Subclasses supply the database and the store. */
    protected IdempotentRetryContract() {
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
        registry = DeviceRegistry.builder().store(database.store).clock(clock).build();
        truth = DeviceRegistry.builder().store(database.truth).clock(clock).build();
    }

    @AfterEach
    void closeStores() throws Exception {
        database.close();
    }

    @ParameterizedTest(name = "faults: {0}")
    @EnumSource(FaultRun.class)
    void everyKeyedWriteRetriedWithItsKeyUntilItSucceedsIsAppliedExactlyOnceAndReturnsTheDeviceItProduced(
            FaultRun run) {
        List<Integer> devices = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            devices.add(n);
            clock.advance(StoreSpec.TICK);
            KeyedWrite.REGISTER.apply(registry, n);
        }
        int writes = Soak.scale(18 * 10, 18 * 250);
        int eventWrites = 0;
        for (int i = 0; i < writes; i++) {
            clock.advance(StoreSpec.TICK);
            Map<Integer, Device> current = currentDevices(devices);
            KeyedWrite write = leastMetOf(current);
            int n;
            if (write == KeyedWrite.REGISTER) {
                n = devices.size() + 1;
                devices.add(n);
            } else {
                List<Integer> eligible = devices.stream().filter(d -> write.startsFrom(current.get(d))).toList();
                n = eligible.get(random.nextInt(eligible.size()));
            }
            String key = "retry-" + run + "-" + i;
            if (random.nextInt(4) == 0) {
                refuseUnderFaults(run, write, key);
            }
            writeUntilApplied(run, write, n, current.get(n), key);
            made.merge(write, 1, Integer::sum);
            eventWrites += write.appendsEvents() ? 1 : 0;
        }

        List<DeviceEvent> feed = RegistryInvariants.allEvents(truth);
        Map<String, Long> keyed = feed.stream().filter(event -> event.idempotencyKey() != null)
                .collect(Collectors.groupingBy(DeviceEvent::idempotencyKey, Collectors.counting()));
        assertThat(keyed).as("the events of each key in the feed").allSatisfy((key, count) -> assertThat(count).isOne());
        assertThat(keyed).as("the keyed events in the feed").hasSize(eventWrites);
        assertThat(made.keySet()).as("the writes made: %s", made).containsExactlyInAnyOrder(KeyedWrite.values());
        // Every write commits, so each meets faults after the commit; a write whose tries never call
        // commit() (one auto-committed statement) meets no COMMIT fault, and fails no try of that run.
        assertThat(unknownRetried.keySet()).as("the writes whose outcome was unknown, retried: %s; failed tries: %s",
                unknownRetried, failed).containsAll(run == FaultRun.AFTER_COMMIT ? made.keySet() : failed.keySet()
                .stream().filter(write -> run == FaultRun.COMMIT).toList());
        RegistryInvariants.Counts counts = RegistryInvariants.check(truth);
        assertThat(RegistryInvariants.allDevices(registry))
                .as("every device read through the store as it is used").isEqualTo(RegistryInvariants.allDevices(truth));
        publish(run, writes, counts);
    }

    /**
     * Makes {@code write} on device {@code n} (as it stood, {@code before}; null for a registration) under
     * {@code key}, trying again under the same faults until a try succeeds, and checks every try.
     */
    private void writeUntilApplied(FaultRun run, KeyedWrite write, int n, @Nullable Device before, String key) {
        Instant at = StoreSpec.micros(clock.instant());
        List<DeviceEvent> historyBefore = before == null ? List.of() : truth.history(DeviceRef.id(before.id()));
        boolean applied = false;
        @Nullable DatabaseFault firstFault = null;
        boolean firstUnknown = false;
        for (int tries = 1; tries <= MAX_TRIES; tries++) {
            AtomicBoolean replayed = new AtomicBoolean();
            DeviceRegistry keyed = registry.with(RequestContext.builder().idempotencyKey(key)
                    .onReplay(device -> replayed.set(true)).build());
            Map<DatabaseFault, Long> faultsBefore = faulty.injected();
            Device returned;
            faulty.inject(run.rate, run.kinds);
            try {
                returned = write.apply(keyed, n);
            } catch (StorageException e) {
                faulty.heal();
                DatabaseFault fault = struck(faultsBefore);
                assertThat(fault).as("the fault behind %s", e).isNotNull();
                boolean appliedNow = appliedOnceOrNot(write, n, before, historyBefore, at, key, e);
                if (!e.outcomeUnknown()) {
                    assertThat(appliedNow).as("%s failed (%s) without saying its outcome is unknown, yet changed the"
                            + " database", write, e).isEqualTo(applied);
                }
                assertThat(appliedNow || !applied).as("%s, once applied, undone by a retry", write).isTrue();
                if (tries == 1) {
                    firstFault = fault;
                    firstUnknown = e.outcomeUnknown();
                    count(fault + (e.outcomeUnknown() ? ".unknown" + (appliedNow ? ".applied" : ".notApplied")
                            : ".failedAndLeftNothing"));
                }
                count(tries == 1 ? "firstTryFailed" : "retryFailed." + (e.outcomeUnknown() ? "unknown" : "known"));
                failed.merge(write, 1, Integer::sum);
                applied = appliedNow;
                continue;
            } catch (DeviceException e) {
                throw new AssertionError("Try " + tries + " of " + write + " with key " + key + " was refused: " + e, e);
            } finally {
                faulty.heal();
            }
            assertThat(struck(faultsBefore)).as("a fault struck %s, yet it returned", write).isNull();
            assertThat(replayed.get()).as("try %d of %s answered from the key's record, having applied before: %s",
                    tries, write, applied).isEqualTo(applied);
            assertThat(appliedOnceOrNot(write, n, before, historyBefore, at, key, null))
                    .as("%s applied after it returned", write).isTrue();
            assertThat(returned).as("what try %d of %s returned", tries, write)
                    .isEqualTo(truth.get(StoreSpec.identity(n)));
            if (tries == 1) {
                count("firstTrySucceeded");
            } else {
                count("retried.appliedOnce");
                count("retried.tries", tries - 1);
                count(replayed.get() ? "retried.answeredFromTheRecord" : "retried.appliedByTheRetry");
                if (firstUnknown) {
                    count(Objects.requireNonNull(firstFault) + ".unknown.retried.appliedOnce");
                    unknownRetried.merge(write, 1, Integer::sum);
                }
            }
            return;
        }
        fail(write + " with key " + key + " failed " + MAX_TRIES + " tries in a row");
    }

    /**
     * Makes {@code write} under {@code key} where it must be refused (on a device that does not exist;
     * a registration, on an identity already registered), trying again under the same faults until it
     * is refused: it must leave the feed as it was and record nothing, so the key then serves a write
     * that applies.
     */
    private void refuseUnderFaults(FaultRun run, KeyedWrite write, String key) {
        List<DeviceEvent> feedBefore = RegistryInvariants.allEvents(truth);
        int n = write == KeyedWrite.REGISTER ? 1 : MISSING;
        DeviceRegistry keyed = registry.with(RequestContext.builder().idempotencyKey(key).build());
        for (int tries = 1; tries <= MAX_TRIES; tries++) {
            faulty.inject(run.rate, run.kinds);
            try {
                write.apply(keyed, n);
                fail(write + " on device " + n + " applied");
            } catch (DeviceException e) {
                assertThat(e.code()).as("the refusal of %s", write).isEqualTo(write == KeyedWrite.REGISTER
                        ? ErrorCode.DEVICE_ALREADY_REGISTERED : ErrorCode.DEVICE_NOT_FOUND);
                faulty.heal();
                assertThat(RegistryInvariants.allEvents(truth)).as("the feed after %s was refused", write)
                        .isEqualTo(feedBefore);
                count("refusedFirst");
                count("refusedFirst.tries", tries);
                return;
            } catch (StorageException e) {
                faulty.heal();
                assertThat(RegistryInvariants.allEvents(truth)).as("the feed after %s failed (%s)", write, e)
                        .isEqualTo(feedBefore);
            } finally {
                faulty.heal();
            }
        }
        fail(write + " on device " + n + " failed " + MAX_TRIES + " tries in a row");
    }

    /**
     * Whether {@code write} is applied now, asserting that the database holds one of the two states
     * it may: device {@code n} as it was ({@code before}, its history {@code historyBefore}), or as the
     * write applied once at {@code at} makes it, with exactly one more event, the write's, carrying
     * {@code key}. The store as it is used must read the same as the database.
     */
    private boolean appliedOnceOrNot(KeyedWrite write, int n, @Nullable Device before, List<DeviceEvent> historyBefore,
            Instant at, String key, @Nullable StorageException failure) {
        DeviceRef identity = StoreSpec.identity(n);
        Optional<Device> found = truth.find(identity);
        assertThat(registry.find(identity)).as("%s read through the store after %s", write, failure).isEqualTo(found);
        if (before == null && found.isEmpty()) {
            return false;
        }
        Device after = found.orElseThrow(() -> new AssertionError("device " + n + " vanished after " + failure));
        List<DeviceEvent> history = truth.history(DeviceRef.id(after.id()));
        if (after.equals(before)) {
            assertThat(history).as("the history of %s, not applied (%s)", after, failure).isEqualTo(historyBefore);
            return false;
        }
        Device expected = before == null ? KeyedWrite.expectedRegistration(n, after.id(), after.uuid(), at)
                : write.expectedAfter(before, at);
        assertThat(after).as("%s applied (%s)", write, failure).isEqualTo(expected);
        if (write.operation().isEmpty()) {
            assertThat(history).as("the history of %s, updated (%s)", after, failure).isEqualTo(historyBefore);
            return true;
        }
        assertThat(history).as("the history of %s after %s (%s)", after, write, failure)
                .hasSize(historyBefore.size() + 1);
        assertThat(history.subList(0, historyBefore.size())).as("the history of %s before %s", after, write)
                .isEqualTo(historyBefore);
        DeviceEvent event = history.get(history.size() - 1);
        assertThat(event).as("the event of %s", write)
                .extracting(DeviceEvent::deviceId, DeviceEvent::operation, DeviceEvent::from, DeviceEvent::to,
                        DeviceEvent::at, DeviceEvent::idempotencyKey)
                .containsExactly(after.id(), write.operation().get(), before == null ? null : before.status(),
                        after.status(), at, key);
        return true;
    }

    /** The devices numbered {@code devices}, as the database holds them. */
    private Map<Integer, Device> currentDevices(List<Integer> devices) {
        Map<Integer, Device> current = new TreeMap<>();
        for (int n : devices) {
            current.put(n, truth.get(StoreSpec.identity(n)));
        }
        return current;
    }

    /**
     * Of the writes that apply to some device (a registration always does) and were made at most
     * {@link #LEAD} times more than the least made of them, one whose outcome was least often unknown
     * so far, then least often made: every write is made about as often, and meets the faults.
     */
    private KeyedWrite leastMetOf(Map<Integer, Device> current) {
        List<KeyedWrite> eligible = new ArrayList<>();
        for (KeyedWrite write : KeyedWrite.values()) {
            if (write == KeyedWrite.REGISTER || current.values().stream().anyMatch(write::startsFrom)) {
                eligible.add(write);
            }
        }
        int leastMade = eligible.stream().mapToInt(this::made).min().orElseThrow();
        Comparator<KeyedWrite> met = Comparator.<KeyedWrite>comparingInt(write -> unknownRetried.getOrDefault(write, 0))
                .thenComparingInt(this::made);
        List<KeyedWrite> near = eligible.stream().filter(write -> made(write) <= leastMade + LEAD).toList();
        KeyedWrite least = near.stream().min(met).orElseThrow();
        List<KeyedWrite> candidates = near.stream().filter(write -> met.compare(write, least) == 0).toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    private int made(KeyedWrite write) {
        return made.getOrDefault(write, 0);
    }

    /** The one fault injected since {@code before} was taken, if any. */
    private @Nullable DatabaseFault struck(Map<DatabaseFault, Long> before) {
        List<DatabaseFault> struck = new ArrayList<>();
        faulty.injected().forEach((fault, n) -> struck.addAll(Collections.nCopies((int) (n - before.get(fault)), fault)));
        assertThat(struck).as("the faults that struck one try").hasSizeLessThanOrEqualTo(1);
        return struck.isEmpty() ? null : struck.get(0);
    }

    private void count(String figure) {
        count(figure, 1);
    }

    private void count(String figure, long n) {
        figures.merge(figure, n, Long::sum);
    }

    private void publish(FaultRun run, int writes, RegistryInvariants.Counts counts) {
        Figures published = Figures.of(getClass().getSimpleName() + "." + run).put("rate", run.rate).put("writes", writes);
        figures.forEach(published::put);
        published.put("devices", counts.devices()).put("events", counts.events()).publish();
    }
}
