package io.devreg.benchmarks.memory;

import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.Hold;
import io.devreg.benchmarks.DeviceKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ending {@value #HOLDS} expired holds in the in-memory store, one thread (issue 15): devreg's
 * {@code expireHolds(10_000)} against {@link RawMemoryStore#expireHolds}, one pass of atomic
 * check-and-swaps over the devices appending an {@code EXPIRE} event for each hold that ran out.
 * One operation is one ended hold, so every figure is holds per second.
 *
 * <p>Before each invocation (not measured) every device is reserved by a holder with a TTL of
 * {@link #TTL}, then the registry's {@link SettableClock} (the raw store's instant) moves past the
 * expiry; the invocation must end all {@value #HOLDS} holds, or it fails. Each iteration starts from
 * a fresh store, as every event stays in the heap.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MemoryExpireHolds {

    /** Expired holds per invocation, the most one {@code expireHolds} call may end. */
    static final int HOLDS = 10_000;
    /** The holder of every hold: a checkout session. */
    static final String HOLDER = "checkout-session-42";
    /** How long every hold lasts. */
    static final Duration TTL = Duration.ofMinutes(15);

    @State(Scope.Benchmark)
    public static class Devreg {
        SettableClock clock;
        DeviceRegistry registry;
        DeviceRef[] refs;

        @Setup(Level.Iteration)
        public void fill() {
            clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
            registry = MemoryFixtures.registry(HOLDS, true, clock);
            refs = new DeviceRef[HOLDS];
            for (int n = 0; n < HOLDS; n++) {
                refs[n] = DeviceRef.identity(DeviceKeys.TYPE, DeviceKeys.mac(n), null);
            }
        }

        @Setup(Level.Invocation)
        public void holdAndLetExpire() {
            for (DeviceRef ref : refs) {
                registry.reserve(ref, Hold.of(HOLDER, TTL));
            }
            clock.advance(TTL.plusSeconds(1));
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        Instant now;
        RawMemoryStore store;
        RawMemoryStore.Key[] keys;

        @Setup(Level.Iteration)
        public void fill() {
            now = Instant.parse("2026-01-01T00:00:00Z");
            store = MemoryFixtures.raw(HOLDS, true);
            keys = new RawMemoryStore.Key[HOLDS];
            for (int n = 0; n < HOLDS; n++) {
                keys[n] = new RawMemoryStore.Key(DeviceKeys.TYPE, DeviceKeys.mac(n));
            }
        }

        @Setup(Level.Invocation)
        public void holdAndLetExpire() {
            for (RawMemoryStore.Key key : keys) {
                store.reserve(key, HOLDER, now, now.plus(TTL));
            }
            now = now.plus(TTL).plusSeconds(1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(HOLDS)
    public int devreg(Devreg state) {
        return ended(state.registry.expireHolds(HOLDS));
    }

    @Benchmark
    @OperationsPerInvocation(HOLDS)
    public int baseline(Baseline state) {
        return ended(state.store.expireHolds(state.now, HOLDS));
    }

    private static int ended(int count) {
        if (count != HOLDS) {
            throw new IllegalStateException("Ended " + count + " of " + HOLDS + " expired holds");
        }
        return count;
    }
}
