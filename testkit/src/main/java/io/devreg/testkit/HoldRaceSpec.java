package io.devreg.testkit;

import static io.devreg.DeviceOperation.EXPIRE;
import static io.devreg.DeviceOperation.EXTEND;
import static io.devreg.DeviceOperation.RESERVE;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRegistry;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.RequestContext;
import io.devreg.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Holds under races, on two registries sharing the store: holders racing each other, a holder
 * racing its own expiry, and sweeps racing each other and writers. The holder check and the expiry
 * check are part of the one conditional write, so each race has at most one winner and every hold
 * ends exactly once (counted by EXPIRE events, whose actor tells who recorded them).
 */
abstract class HoldRaceSpec extends StoreSpec {

    static final int THREADS = 8;
    static final int ROUNDS = 20;
    /** The TTL of the holds that run out during a race. */
    static final Duration TTL = Duration.ofMinutes(10);
    /** The TTL of the holds taken in a race: long enough to outlast every later round. */
    static final Duration LONG_TTL = Duration.ofHours(12);

    DeviceRegistry first;
    DeviceRegistry second;

    @BeforeEach
    final void buildTwoRegistries() {
        first = DeviceRegistry.builder().store(store).clock(clock).holdTtl(TTL).build();
        second = DeviceRegistry.builder().store(store).clock(clock).holdTtl(TTL).build();
    }

    static RequestContext actor(String actor) {
        return RequestContext.builder().actor(actor).build();
    }

    /** Device {@code n}, made available, then held by {@code holder} for {@link #TTL}. */
    Device held(int n, String holder) {
        Device available = given(AVAILABLE, n);
        tick();
        return first.reserve(ref(available), Hold.of(holder, TTL));
    }

    /** One call of a race, named. */
    record Racer(String name, Function<DeviceRegistry, ?> call) {
    }

    /** What a racer's call gave: its result (a device, a count, nothing), or the code it was refused with. */
    record Outcome(@Nullable Object result, @Nullable ErrorCode code) {
        boolean won() {
            return result instanceof Device;
        }
    }

    /**
     * Makes every racer's call at once, each on a thread of its own, alternating between the two
     * registries, and returns the outcomes by racer. Anything thrown but a {@link DeviceException}
     * fails the test.
     */
    Map<String, Outcome> race(Racer... racers) throws Exception {
        CyclicBarrier start = new CyclicBarrier(racers.length);
        AtomicInteger next = new AtomicInteger();
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        onThreads(racers.length, () -> {
            int me = next.getAndIncrement();
            Racer racer = racers[me];
            DeviceRegistry mine = me % 2 == 0 ? first : second;
            start.await(1, TimeUnit.MINUTES);
            try {
                outcomes.put(racer.name(), new Outcome(racer.call().apply(mine), null));
            } catch (DeviceException e) {
                outcomes.put(racer.name(), new Outcome(null, e.code()));
            }
            return null;
        });
        return outcomes;
    }

    @Test
    void whenEightHoldersRaceForOneDeviceExactlyOneHoldsItAndTheOthersGetDeviceReserved() throws Exception {
        List<Device> devices = new ArrayList<>();
        for (int n = 0; n < ROUNDS; n++) {
            devices.add(given(AVAILABLE, n));
        }
        tick();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicInteger thread = new AtomicInteger();
        Map<Long, List<String>> winners = new ConcurrentHashMap<>();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());

        onThreads(THREADS, () -> {
            int me = thread.getAndIncrement();
            String holder = "cart-" + me;
            DeviceRegistry mine = me % 2 == 0 ? first : second;
            for (Device device : devices) {
                start.await(1, TimeUnit.MINUTES);
                try {
                    Device reserved = mine.reserve(ref(device), Hold.of(holder, LONG_TTL));
                    assertThat(Objects.requireNonNull(reserved.reservation()).holder()).isEqualTo(holder);
                    winners.computeIfAbsent(device.id(), id -> Collections.synchronizedList(new ArrayList<>())).add(holder);
                } catch (DeviceException e) {
                    if (e.code() != ErrorCode.DEVICE_RESERVED) {
                        unexpected.add(e);
                    }
                } catch (RuntimeException | AssertionError e) {
                    unexpected.add(e);
                }
            }
            return null;
        });

        assertThat(unexpected).isEmpty();
        for (Device device : devices) {
            List<String> won = winners.get(device.id());
            assertThat(won).as("the winners for %s", device).hasSize(1);
            Device stored = first.get(ref(device));
            assertThat(Objects.requireNonNull(stored.reservation()).holder()).isEqualTo(won.get(0));
            assertThat(stored.revision()).isEqualTo(device.revision() + 1);
            assertThat(first.history(ref(device))).filteredOn(event -> event.operation() == RESERVE)
                    .singleElement().extracting(DeviceEvent::holder).isEqualTo(won.get(0));
        }
    }

    @Test
    void aHolderRetakingItsHoldAsItRunsOutRacesAnotherHolderAndASweepExactlyOneTakesItAndTheHoldEndsOnce()
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Device held = held(round, "cart-1");
            clock.set(expiresAt(held).plus(Duration.ofNanos(1000L * (round % 3))));
            Instant now = now();

            Map<String, Outcome> outcomes = race(
                    new Racer("cart-1", r -> r.with(actor("cart-1")).reserve(ref(held), Hold.of("cart-1", LONG_TTL))),
                    new Racer("cart-2", r -> r.with(actor("cart-2")).reserve(ref(held), Hold.of("cart-2", LONG_TTL))),
                    new Racer("sweeper", r -> r.with(actor("sweeper")).expireHolds(10)));

            List<Outcome> reserves = List.of(outcomes.get("cart-1"), outcomes.get("cart-2"));
            assertThat(reserves).as("round %d: %s", round, outcomes).filteredOn(Outcome::won).hasSize(1);
            assertThat(reserves).filteredOn(outcome -> !outcome.won()).extracting(Outcome::code)
                    .containsExactly(ErrorCode.DEVICE_RESERVED);
            String winner = outcomes.get("cart-1").won() ? "cart-1" : "cart-2";
            assertEndedOnceThenTaken(held, winner, now, (Integer) outcomes.get("sweeper").result());
        }
    }

    @Test
    void aHolderExtendingAtItsExpiryRacesAnotherHolderAndASweepTheOtherHolderAloneWinsAndTheHoldEndsOnce()
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Device held = held(round, "cart-1");
            clock.set(expiresAt(held).plus(Duration.ofNanos(1000L * (round % 3))));
            Instant now = now();

            Map<String, Outcome> outcomes = race(
                    new Racer("cart-1", r -> r.with(actor("cart-1")).extend(ref(held), Hold.of("cart-1", TTL))),
                    new Racer("cart-2", r -> r.with(actor("cart-2")).reserve(ref(held), Hold.of("cart-2", LONG_TTL))),
                    new Racer("sweeper", r -> r.with(actor("sweeper")).expireHolds(10)));

            assertThat(outcomes.get("cart-1").code()).as("round %d: %s", round, outcomes)
                    .isIn(ErrorCode.DEVICE_AVAILABLE, ErrorCode.DEVICE_RESERVED);
            assertThat(outcomes.get("cart-2").won()).as("round %d: %s", round, outcomes).isTrue();
            assertEndedOnceThenTaken(held, "cart-2", now, (Integer) outcomes.get("sweeper").result());
        }
    }

    @Test
    void aHolderExtendingWhileTheClockCrossesItsExpiryNeverWinsAlongsideAnotherHolderAndEveryHoldEndsOnce()
            throws Exception {
        List<Device> devices = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Device held = held(round, "cart-1");
            devices.add(held);
            Instant expiresAt = expiresAt(held);
            clock.set(expiresAt.minusNanos(1000));

            Map<String, Outcome> outcomes = race(
                    new Racer("cart-1", r -> r.extend(ref(held), Hold.of("cart-1", TTL))),
                    new Racer("cart-2", r -> r.reserve(ref(held), Hold.of("cart-2", LONG_TTL))),
                    new Racer("clock", r -> {
                        clock.set(expiresAt);
                        return null;
                    }));

            Outcome extension = outcomes.get("cart-1");
            Outcome reserve = outcomes.get("cart-2");
            assertThat(extension.won() && reserve.won()).as("round %d: %s", round, outcomes).isFalse();
            Device stored = first.get(ref(held));
            if (extension.won()) {
                assertThat(stored).isEqualTo(extension.result());
                assertThat(first.history(ref(held))).last().extracting(DeviceEvent::operation).isEqualTo(EXTEND);
            } else if (reserve.won()) {
                assertThat(stored).isEqualTo(reserve.result());
                assertThat(Objects.requireNonNull(stored.reservation()).holder()).isEqualTo("cart-2");
            } else {
                assertThat(stored.status()).isEqualTo(AVAILABLE);
            }
        }
        clock.set(expiresAt(devices.get(devices.size() - 1)).plus(LONG_TTL).plus(TTL));
        while (first.expireHolds(100) > 0) {
            // every hold, the extended ones and those the other holder took included, runs out
        }

        for (Device device : devices) {
            List<DeviceEvent> history = first.history(ref(device));
            assertThat(history).filteredOn(event -> event.operation() == EXPIRE).as("the expiries of %s", history)
                    .hasSize((int) history.stream().filter(event -> event.operation() == RESERVE).count());
            assertThat(first.get(ref(device)).status()).isEqualTo(AVAILABLE);
        }
    }

    @Test
    void sweepsRacingEachOtherAndAWriterEndEveryExpiredHoldExactlyOnce() throws Exception {
        int holdCount = 40;
        List<Device> devices = new ArrayList<>();
        for (int n = 0; n < holdCount; n++) {
            devices.add(held(n, "cart-" + n));
        }
        clock.set(expiresAt(devices.get(devices.size() - 1)).plusSeconds(1));
        int sweepers = THREADS - 1;
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicInteger thread = new AtomicInteger();
        AtomicInteger swept = new AtomicInteger();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());

        onThreads(THREADS, () -> {
            int me = thread.getAndIncrement();
            DeviceRegistry mine = (me % 2 == 0 ? first : second).with(actor(me < sweepers ? "sweeper" : "writer"));
            start.await(1, TimeUnit.MINUTES);
            try {
                if (me < sweepers) {
                    for (int ended = mine.expireHolds(3); ended > 0; ended = mine.expireHolds(3)) {
                        swept.addAndGet(ended);
                    }
                } else {
                    for (int n = devices.size() - 1; n >= 0; n--) { // from the other end than the sweeps, most likely
                        mine.reserve(ref(devices.get(n)), Hold.of("late", LONG_TTL));
                    }
                }
            } catch (RuntimeException e) {
                unexpected.add(e);
            }
            return null;
        });

        assertThat(unexpected).isEmpty();
        assertThat(first.expireHolds(100)).isZero();
        List<DeviceEvent> expiries = feed().stream().filter(event -> event.operation() == EXPIRE).toList();
        assertThat(expiries).extracting(DeviceEvent::deviceId)
                .containsExactlyInAnyOrderElementsOf(devices.stream().map(Device::id).toList());
        assertThat(expiries).filteredOn(event -> "sweeper".equals(event.actor())).hasSize(swept.get());
        for (Device device : devices) {
            Device stored = first.get(ref(device));
            assertThat(stored.reservation()).isEqualTo(new Reservation("late", stored.lastUpdatedAt(),
                    stored.lastUpdatedAt().plus(LONG_TTL)));
            assertThat(stored.revision()).isEqualTo(device.revision() + 2);
        }
    }

    private static Instant expiresAt(Device held) {
        return Objects.requireNonNull(Objects.requireNonNull(held.reservation()).expiresAt());
    }

    /**
     * Asserts the hold of {@code held} ended exactly once, by the sweep or by the winner's write (as
     * the EXPIRE event's actor says, and the sweep's count agrees), and that {@code winner} then took
     * the device at {@code now}.
     */
    private void assertEndedOnceThenTaken(Device held, String winner, Instant now, int swept) {
        List<DeviceEvent> history = first.history(ref(held));
        List<DeviceEvent> tail = history.subList(history.size() - 2, history.size());
        assertThat(tail).extracting(DeviceEvent::operation).as("the end of %s", history).containsExactly(EXPIRE, RESERVE);
        assertThat(history).filteredOn(event -> event.operation() == EXPIRE).hasSize(1);
        DeviceEvent expiry = tail.get(0);
        assertThat(expiry.holder()).isEqualTo("cart-1");
        assertThat(expiry.actor()).isIn("sweeper", winner);
        assertThat(swept).as("the sweep's count").isEqualTo("sweeper".equals(expiry.actor()) ? 1 : 0);
        assertThat(tail.get(1).holder()).isEqualTo(winner);
        Device stored = first.get(ref(held));
        assertThat(stored).isEqualTo(changed(held, RESERVED, now, held.revision() + 2,
                new Reservation(winner, now, now.plus(LONG_TTL)), null));
    }
}
