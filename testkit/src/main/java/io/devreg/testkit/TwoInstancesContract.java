package io.devreg.testkit;

import static io.devreg.DeviceOperation.EXPIRE;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import io.devreg.Reservation;
import io.devreg.spi.DeviceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reliability contract: two instances of a store, each with connections of its own, on one
 * database, as two application instances sharing a database would have them, and a registry over
 * each, both on one {@link ManualClock}. What the store's database must settle between them:
 * <ul>
 *   <li>sixteen callers, eight on each instance, with one idempotency key and one request, for every
 *       write in each of its forms: exactly one write happens (one event carrying the key; an update,
 *       which appends none, raises the revision once), fifteen calls are answered from the key's
 *       record, and all sixteen return the device the write produced;</li>
 *   <li>eight sweepers, four on each instance, running {@code expireHolds} over the same expired
 *       holds: every hold ends exactly once (one {@code EXPIRE} event each), and the counts the
 *       sweeps return add up to the number of holds, instance by instance;</li>
 *   <li>a holder racing its own expiry across the instances, with the clock at or just past the
 *       hold's {@code expiresAt}: the holder retaking its hold, extending it or activating the device
 *       on its account, against another holder reserving the device and a sweep on each instance.
 *       Exactly one of the two holders wins (an extension never does: the hold it would extend ran
 *       out), and the hold ends exactly once, by a sweep or by the winner's write.</li>
 * </ul>
 * A test class extends it and opens instances of its store:
 *
 * <pre>{@code
 * class MyStoreTwoInstancesTest extends TwoInstancesContract {
 *     private final String schema = freshSchemaName();
 *
 *     protected DeviceStore openInstance() {
 *         return new MyDeviceStore(newPool(8), schema); // the store closes its pool
 *     }
 * }
 * }</pre>
 *
 * Its scale grows with {@link Soak}; it publishes its {@link Figures}.
 */
public abstract class TwoInstancesContract {

    /** How many callers race with one key: half on each instance. */
    public static final int KEYED_CALLERS = 16;
    /** How many threads sweep at once: half on each instance. */
    public static final int SWEEPERS = 8;

    static final Duration TTL = Duration.ofMinutes(10);
    static final Duration LONG_TTL = Duration.ofHours(12);

    private final ManualClock clock = ManualClock.at(StoreSpec.START);
    private final List<DeviceStore> stores = new ArrayList<>();
    /** The registries over the two instances, by instance number. */
    private final List<DeviceRegistry> instances = new ArrayList<>();
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private int devices;

    /** Subclasses supply the instances. */
    protected TwoInstancesContract() {
    }

    /**
     * Opens an instance of the store under test: called twice per test, and both instances of a test
     * must reach the same data (one database, the same tables), each through connections of its own
     * (a pool of at least {@code KEYED_CALLERS / 2} connections), while each test starts from no data.
     * The contract closes both; closing an instance must close what it opened for it.
     */
    protected abstract DeviceStore openInstance();

    @BeforeEach
    void openInstances() {
        for (int i = 0; i < 2; i++) {
            DeviceStore store = openInstance();
            stores.add(store);
            instances.add(DeviceRegistry.builder().store(store).clock(clock).build());
        }
    }

    @AfterEach
    void closeInstances() {
        for (DeviceStore store : stores) {
            store.close();
        }
    }

    @Test
    void sixteenCallersOnTwoInstancesWithOneKeyAndOneRequestMakeOneWriteAndAllReturnItsResult() throws Exception {
        int rounds = Soak.scale(2, 20);
        int[] appliedBy = new int[2];
        for (int round = 0; round < rounds; round++) {
            for (KeyedWrite write : KeyedWrite.values()) {
                int n = ++devices;
                clock.advance(StoreSpec.TICK);
                @Nullable Device before = write.prepareOn(instances.get(round % 2), n);
                List<DeviceEvent> historyBefore = before == null ? List.of() : history(before);
                clock.advance(StoreSpec.TICK);
                Instant at = StoreSpec.micros(clock.instant());
                String key = write.key() + "-" + round;
                AtomicIntegerArray replays = new AtomicIntegerArray(2);

                List<@Nullable Object> results = race(KEYED_CALLERS, caller -> {
                    int instance = caller % 2;
                    return () -> write.apply(instances.get(instance).with(RequestContext.builder().idempotencyKey(key)
                            .onReplay(device -> replays.incrementAndGet(instance)).build()), n);
                });

                Device stored = instances.get(0).get(StoreSpec.identity(n));
                assertThat(instances.get(1).get(StoreSpec.identity(n))).isEqualTo(stored);
                assertThat(results).as("what the %d callers of %s got", KEYED_CALLERS, write).hasSize(KEYED_CALLERS)
                        .containsOnly(stored);
                assertThat(stored).as("%s made once", write).isEqualTo(before == null
                        ? KeyedWrite.expectedRegistration(n, stored.id(), stored.uuid(), at)
                        : write.expectedAfter(before, at));
                assertThat(replays.get(0) + replays.get(1)).as("the calls of %s answered from the key's record", write)
                        .isEqualTo(KEYED_CALLERS - 1);
                List<DeviceEvent> history = history(stored);
                assertThat(history.subList(0, historyBefore.size())).isEqualTo(historyBefore);
                assertThat(history.subList(historyBefore.size(), history.size())).as("the events of %s", write)
                        .hasSize(write.appendsEvents() ? 1 : 0)
                        .allSatisfy(event -> assertThat(event.idempotencyKey()).isEqualTo(key));
                appliedBy[replays.get(0) < KEYED_CALLERS / 2 ? 0 : 1]++;
            }
        }
        RegistryInvariants.Counts counts = RegistryInvariants.check(instances.get(1));
        int races = rounds * KeyedWrite.values().length;
        Figures.of(getClass().getSimpleName() + ".oneKey").put("callers", KEYED_CALLERS).put("races", races)
                .put("writes", races).put("answeredFromTheRecord", races * (KEYED_CALLERS - 1))
                .put("appliedByInstance1", appliedBy[0]).put("appliedByInstance2", appliedBy[1])
                .put("events", counts.events()).publish();
    }

    @Test
    void eightSweepersOnTwoInstancesEndEveryHoldExactlyOnceAndTheirCountsAddUp() throws Exception {
        int rounds = Soak.scale(3, 30);
        int holdCount = Soak.scale(40, 100);
        List<Device> available = new ArrayList<>();
        for (int i = 0; i < holdCount; i++) {
            Device device = instances.get(i % 2).register(NewDevice.builder("sweep").serialNumber("sweep-" + i).build());
            available.add(instances.get(i % 2).markAvailable(ref(device)));
        }
        int[] endedBy = new int[2];
        int endedTwice = 0;
        for (int round = 0; round < rounds; round++) {
            clock.advance(StoreSpec.TICK);
            List<Device> held = new ArrayList<>();
            for (Device device : available) {
                held.add(instances.get(round % 2).reserve(ref(device), Hold.of("cart-" + device.id(), TTL)));
            }
            clock.advance(TTL);
            List<DeviceEvent> feedBefore = RegistryInvariants.allEvents(instances.get(0));
            AtomicIntegerArray counted = new AtomicIntegerArray(2);

            race(SWEEPERS, sweeper -> () -> {
                int instance = sweeper % 2;
                DeviceRegistry sweeping = instances.get(instance).with(actor("sweeper-" + (instance + 1)));
                for (int ended = sweeping.expireHolds(3); ended > 0; ended = sweeping.expireHolds(3)) {
                    counted.addAndGet(instance, ended);
                }
                return null;
            });

            assertThat(instances.get(0).expireHolds(100)).as("holds left after the sweeps").isZero();
            List<DeviceEvent> feed = RegistryInvariants.allEvents(instances.get(1));
            assertThat(feed.subList(0, feedBefore.size())).isEqualTo(feedBefore);
            List<DeviceEvent> expiries = feed.subList(feedBefore.size(), feed.size());
            assertThat(expiries).as("round %d: the events of the sweeps", round).extracting(DeviceEvent::operation)
                    .containsOnly(EXPIRE);
            endedTwice += expiries.size() - (int) expiries.stream().mapToLong(DeviceEvent::deviceId).distinct().count();
            assertThat(expiries).extracting(DeviceEvent::deviceId).as("round %d: the devices whose holds ended", round)
                    .containsExactlyInAnyOrderElementsOf(held.stream().map(Device::id).toList());
            for (int instance = 0; instance < 2; instance++) {
                String actor = "sweeper-" + (instance + 1);
                assertThat(expiries).as("round %d: the holds %s ended", round, actor)
                        .filteredOn(event -> actor.equals(event.actor())).hasSize(counted.get(instance));
                endedBy[instance] += counted.get(instance);
            }
            assertThat(counted.get(0) + counted.get(1)).as("the counts the sweeps returned").isEqualTo(holdCount);
            available.clear();
            for (Device device : held) {
                Device now = instances.get(round % 2).get(ref(device));
                assertThat(now).isEqualTo(StoreSpec.changed(device, DeviceStatus.AVAILABLE, StoreSpec.micros(clock.instant()),
                        device.revision() + 1, null, null));
                available.add(now);
            }
        }
        RegistryInvariants.Counts counts = RegistryInvariants.check(instances.get(0));
        Figures.of(getClass().getSimpleName() + ".sweeps").put("sweepers", SWEEPERS).put("rounds", rounds)
                .put("holds", rounds * holdCount).put("endedByInstance1", endedBy[0])
                .put("endedByInstance2", endedBy[1]).put("endedTwice", endedTwice).put("events", counts.events()).publish();
    }

    /** What the holder does as its hold runs out, in turn. */
    private enum HolderMove {
        RETAKE, EXTEND, ACTIVATE;

        Device make(DeviceRegistry registry, DeviceRef ref) {
            return switch (this) {
                case RETAKE -> registry.reserve(ref, Hold.of("cart-1", LONG_TTL));
                case EXTEND -> registry.extend(ref, Hold.of("cart-1", TTL));
                case ACTIVATE -> registry.activate(ref, Activation.onAccount("acct-1", "cart-1"));
            };
        }
    }

    @Test
    void aHolderRacingItsOwnExpiryOnTwoInstancesHasExactlyOneWinnerAndTheHoldEndsOnce() throws Exception {
        int rounds = Soak.scale(24, 300);
        Map<String, Integer> tally = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            HolderMove move = HolderMove.values()[round % HolderMove.values().length];
            int holders = round % 2; // the holder's instance; the other holder's is the other one
            DeviceRegistry mine = instances.get(holders);
            DeviceRegistry theirs = instances.get(1 - holders);
            clock.advance(StoreSpec.TICK);
            Device device = mine.register(NewDevice.builder("expiry").serialNumber("expiry-" + round).build());
            mine.markAvailable(ref(device));
            Device held = theirs.reserve(ref(device), Hold.of("cart-1", TTL));
            Instant expiresAt = Objects.requireNonNull(Objects.requireNonNull(held.reservation()).expiresAt());
            clock.set(expiresAt.plusNanos(1000L * (round / 3 % 3)));
            Instant now = StoreSpec.micros(clock.instant());
            List<DeviceEvent> feed = RegistryInvariants.allEvents(theirs);
            long feedBefore = feed.get(feed.size() - 1).sequence();
            Map<String, Object> outcomes = new ConcurrentHashMap<>();

            race(4, racer -> () -> {
                String name = List.of("cart-1", "cart-2", "sweeper-1", "sweeper-2").get(racer);
                DeviceRegistry registry = (switch (racer) {
                    case 0 -> mine;
                    case 1 -> theirs;
                    default -> instances.get(racer - 2);
                }).with(actor(name));
                try {
                    outcomes.put(name, switch (racer) {
                        case 0 -> move.make(registry, ref(device));
                        case 1 -> registry.reserve(ref(device), Hold.of("cart-2", LONG_TTL));
                        default -> registry.expireHolds(10);
                    });
                } catch (DeviceException e) {
                    outcomes.put(name, e.code());
                }
                return null;
            });

            Object holder = outcomes.get("cart-1");
            Object other = outcomes.get("cart-2");
            String what = "round " + round + ", the holder's " + move + ": " + outcomes;
            assertThat(holder instanceof Device ^ other instanceof Device).as("exactly one winner in %s", what).isTrue();
            boolean holderWon = holder instanceof Device;
            Device won = (Device) (holderWon ? holder : other);
            String winner = holderWon ? "cart-1" : "cart-2";
            switch (move) {
                case RETAKE -> assertThat(holderWon ? other : holder).as(what).isEqualTo(ErrorCode.DEVICE_RESERVED);
                case EXTEND -> assertThat(holder).as("the extension of a hold that ran out, in %s", what)
                        .isIn(ErrorCode.DEVICE_AVAILABLE, ErrorCode.DEVICE_RESERVED);
                case ACTIVATE -> assertThat(holderWon ? other : holder).as(what)
                        .isEqualTo(holderWon ? ErrorCode.DEVICE_ALREADY_ACTIVATED : ErrorCode.DEVICE_RESERVED);
            }
            assertThat(won).as(what).isEqualTo(mine.get(ref(device)));
            assertThat(won.revision()).as(what).isEqualTo(held.revision() + 2);
            assertThat(won.lastUpdatedAt()).as(what).isEqualTo(now);
            if (won.status() == DeviceStatus.RESERVED) {
                assertThat(won.reservation()).as(what).isEqualTo(new Reservation(winner, now, now.plus(LONG_TTL)));
            }
            List<DeviceEvent> history = theirs.history(ref(device));
            List<DeviceEvent> tail = history.subList(history.size() - 2, history.size());
            assertThat(history).filteredOn(event -> event.operation() == EXPIRE).as(what).hasSize(1);
            assertThat(tail.get(0).operation()).as("the hold's end in %s", what).isEqualTo(EXPIRE);
            assertThat(tail.get(0).holder()).isEqualTo("cart-1");
            assertThat(tail.get(1).actor()).as(what).isEqualTo(winner);
            // A refused write may record the EXPIRE of the hold it found run out (API.md), so any racer may have.
            String endedBy = Objects.requireNonNull(tail.get(0).actor());
            List<DeviceEvent> swept = RegistryInvariants.allEvents(mine).stream()
                    .filter(event -> event.sequence() > feedBefore && event.operation() == EXPIRE
                            && Objects.requireNonNull(event.actor()).startsWith("sweeper"))
                    .toList();
            assertThat((Integer) outcomes.get("sweeper-1") + (Integer) outcomes.get("sweeper-2"))
                    .as("the sweeps' counts in %s: %s", what, swept).isEqualTo(swept.size());
            assertThat(swept.stream().filter(event -> event.deviceId() == device.id()).count())
                    .as(what).isEqualTo(endedBy.startsWith("sweeper") ? 1 : 0);
            tally.merge(move + ".wonBy." + (winner.equals("cart-1") ? "holder" : "otherHolder"), 1, Integer::sum);
            tally.merge("holdEndedBy." + (endedBy.startsWith("sweeper") ? "sweep" : "winnersWrite"), 1, Integer::sum);
        }
        RegistryInvariants.check(instances.get(0));
        Figures figures = Figures.of(getClass().getSimpleName() + ".holderVersusExpiry").put("rounds", rounds);
        tally.forEach(figures::put);
        figures.publish();
    }

    private static RequestContext actor(String actor) {
        return RequestContext.builder().actor(actor).build();
    }

    private static DeviceRef ref(Device device) {
        return DeviceRef.id(device.id());
    }

    private List<DeviceEvent> history(Device device) {
        return instances.get(0).history(ref(device));
    }

    /**
     * Runs {@code count} calls at once, each on a thread of its own released together, and returns what
     * they returned, in order. Anything they throw fails the test.
     */
    private List<@Nullable Object> race(int count, Function<Integer, Callable<?>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CyclicBarrier start = new CyclicBarrier(count);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<@Nullable Object>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(() -> {
                    Callable<?> call = calls.apply(next.getAndIncrement());
                    start.await(1, TimeUnit.MINUTES);
                    try {
                        return call.call();
                    } catch (RuntimeException e) {
                        unexpected.add(e);
                        return null;
                    }
                }));
            }
            List<@Nullable Object> results = new ArrayList<>();
            for (Future<@Nullable Object> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            assertThat(unexpected).as("what the racers threw").isEmpty();
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
