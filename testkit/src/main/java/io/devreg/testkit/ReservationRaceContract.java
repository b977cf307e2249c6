package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import io.devreg.spi.DeviceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reliability contract: {@value #THREADS} threads racing through one registry on one store, released
 * together. Exactly one winner per reservation, every loser told {@code DEVICE_RESERVED}, no
 * transition lost over many cycles, a feed consumer polling meanwhile that receives every event
 * exactly once, in order, and no unexpected exception. Every store of devreg passes it, and so can a
 * third party's: a test class extends it and supplies the store, which must serve
 * {@value #THREADS} threads at once.
 *
 * <pre>{@code
 * class MyStoreRaceTest extends ReservationRaceContract {
 *     protected DeviceStore createStore() {
 *         return new MyDeviceStore(freshEmptyDatabase());
 *     }
 * }
 * }</pre>
 *
 * Its scale grows with {@link Soak}; it publishes its {@link Figures}.
 */
public abstract class ReservationRaceContract {

    /** How many threads race. */
    public static final int THREADS = 16;

    /** Subclasses supply the store. */
    protected ReservationRaceContract() {
    }

    /** A fresh, empty store; closed after the test. */
    protected abstract DeviceStore createStore();

    private DeviceStore store;
    private DeviceRegistry registry;
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void openStore() {
        store = createStore();
        registry = DeviceRegistry.builder().store(store).build();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void exactlyOneOfSixteenThreadsReservesEachDeviceAndTheOthersAreToldItIsReserved() throws Exception {
        int deviceCount = Soak.scale(40, 1_000);
        List<Device> devices = availableDevices("race", deviceCount);
        Map<Long, LongAdder> winners = new ConcurrentHashMap<>();
        LongAdder losers = new LongAdder();
        runOnThreads(thread -> {
            for (Device device : devices) {
                try {
                    registry.reserve(new ReserveRequest(device.type(), device.mac(), device.serialNumber()));
                    winners.computeIfAbsent(device.id(), id -> new LongAdder()).increment();
                } catch (DeviceException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_RESERVED);
                    assertThat(e.device()).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(DeviceStatus.RESERVED));
                    losers.increment();
                }
            }
        });

        assertThat(unexpected).isEmpty();
        for (Device device : devices) {
            assertThat(winners.get(device.id()).sum()).as("winners for %s", device).isOne();
            assertThat(registry.history(DeviceRef.id(device.id()))).extracting(DeviceEvent::operation)
                    .containsExactly(DeviceOperation.REGISTER, DeviceOperation.MARK_AVAILABLE, DeviceOperation.RESERVE);
        }
        assertThat(losers.sum()).isEqualTo((long) deviceCount * (THREADS - 1));
        RegistryInvariants.check(registry);
        Figures.of(getClass().getSimpleName() + ".reserve").put("threads", THREADS).put("devices", deviceCount)
                .put("attempts", (long) deviceCount * THREADS).put("winners", deviceCount).put("losers", losers)
                .put("unexpectedExceptions", unexpected.size()).publish();
    }

    @Test
    void racingLifecyclesLoseNoTransitionAndTheFeedDeliversEveryEventOnce() throws Exception {
        int rounds = Soak.scale(60, 1_500);
        List<Device> devices = availableDevices("cycle", 4);
        Map<Long, LongAdder> applied = new ConcurrentHashMap<>();
        LongAdder refused = new LongAdder();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<DeviceEvent> consumed = new ArrayList<>();
        List<DeviceEvent> before = RegistryInvariants.allEvents(registry);
        long startSequence = before.size();
        long lastSeen = before.get(before.size() - 1).sequence(); // taken before any writer starts
        Thread consumer = new Thread(() -> consume(lastSeen, writing, consumed), "feed-consumer");
        consumer.start();
        runOnThreads(thread -> {
            SplittableRandom random = new SplittableRandom(thread);
            for (int round = 0; round < rounds; round++) {
                long id = devices.get(random.nextInt(devices.size())).id();
                DeviceRef ref = DeviceRef.id(id);
                try {
                    // Whoever wins a step owns the device until it hands it back, so the rest must succeed.
                    if (random.nextBoolean()) {
                        registry.reserve(ref);
                        registry.release(ref);
                        applied.computeIfAbsent(id, k -> new LongAdder()).add(2);
                    } else {
                        registry.activate(ref, false);
                        registry.deactivate(ref);
                        registry.completeDeactivation(ref);
                        applied.computeIfAbsent(id, k -> new LongAdder()).add(3);
                    }
                } catch (DeviceException e) {
                    assertThat(e.code()).isIn(ErrorCode.DEVICE_RESERVED, ErrorCode.DEVICE_ALREADY_ACTIVATED,
                            ErrorCode.DEVICE_DEACTIVATING);
                    refused.increment();
                }
            }
        });
        writing.set(false);
        consumer.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(unexpected).isEmpty();
        long transitions = applied.values().stream().mapToLong(LongAdder::sum).sum();
        List<DeviceEvent> feed = RegistryInvariants.allEvents(registry);
        assertThat(feed).hasSize((int) (startSequence + transitions));
        assertThat(consumed).as("what the polling consumer received").isEqualTo(feed.subList((int) startSequence, feed.size()));
        for (Device device : devices) {
            assertThat(registry.get(DeviceRef.id(device.id())).status()).isEqualTo(DeviceStatus.AVAILABLE);
        }
        RegistryInvariants.check(registry);
        Figures.of(getClass().getSimpleName() + ".lifecycles").put("threads", THREADS + 1).put("devices", devices.size())
                .put("attempts", (long) THREADS * rounds).put("transitions", transitions).put("refused", refused)
                .put("eventsConsumed", consumed.size()).put("unexpectedExceptions", unexpected.size()).publish();
    }

    /** Polls the feed from the sequence it last saw until the writers stop and it has caught up. */
    private void consume(long lastSeen, AtomicBoolean writing, List<DeviceEvent> consumed) {
        try {
            long after = lastSeen;
            while (true) {
                boolean last = !writing.get();
                List<DeviceEvent> batch = registry.events(after, 50);
                consumed.addAll(batch);
                if (!batch.isEmpty()) {
                    after = batch.get(batch.size() - 1).sequence();
                } else if (last) {
                    return;
                }
            }
        } catch (Throwable e) {
            unexpected.add(e);
        }
    }

    private List<Device> availableDevices(String prefix, int count) {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Device device = registry.register(NewDevice.builder("mediaagent").mac(prefix + "-mac-" + i)
                    .serialNumber(prefix + "-sn-" + i).build());
            devices.add(registry.markAvailable(DeviceRef.id(device.id())));
        }
        return devices;
    }

    interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /** Runs {@code body} on {@link #THREADS} threads released together; records what they threw. */
    private void runOnThreads(ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicLong started = new AtomicLong();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try {
                        started.incrementAndGet();
                        start.await();
                        body.run(thread);
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(started.get()).isEqualTo(THREADS);
    }
}
