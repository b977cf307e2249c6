package io.devreg.benchmarks.memory;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.Hold;
import io.devreg.benchmarks.DeviceKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reserve-with-holder+release cycles on available devices of the in-memory store, one thread
 * (issue 15): devreg ({@code reserve(ref, Hold.of(holder, ttl))} then {@code release(ref, holder)})
 * against two raw check-and-swaps that set and check the holder and expiry, with event appends
 * ({@link RawMemoryStore#reserve}, {@link RawMemoryStore#release}). One operation is one full cycle.
 *
 * <p>Every event stays in the heap, so each iteration starts from a fresh store.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MemoryHoldReserveRelease {

    /** Devices cycled through; a power of two. */
    static final int DEVICES = 1024;
    /** The holder of every hold: a checkout session. */
    static final String HOLDER = "checkout-session-42";
    /** How long every hold lasts. */
    static final Duration TTL = Duration.ofMinutes(15);

    @State(Scope.Benchmark)
    public static class Devreg {
        DeviceRegistry registry;
        String[] macs;
        int next;

        @Setup(Level.Iteration)
        public void fill() {
            registry = MemoryFixtures.registry(DEVICES, true);
            macs = DeviceKeys.macs(DEVICES);
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        final Clock clock = Clock.systemUTC();
        RawMemoryStore store;
        String[] macs;
        int next;

        @Setup(Level.Iteration)
        public void fill() {
            store = MemoryFixtures.raw(DEVICES, true);
            macs = DeviceKeys.macs(DEVICES);
        }
    }

    @Benchmark
    public Device devreg(Devreg state) {
        DeviceRef ref = DeviceRef.identity(DeviceKeys.TYPE, state.macs[state.next++ & (DEVICES - 1)], null);
        state.registry.reserve(ref, Hold.of(HOLDER, TTL));
        return state.registry.release(ref, HOLDER);
    }

    @Benchmark
    public Device baseline(Baseline state) {
        RawMemoryStore.Key key = new RawMemoryStore.Key(DeviceKeys.TYPE, state.macs[state.next++ & (DEVICES - 1)]);
        Instant now = state.clock.instant();
        state.store.reserve(key, HOLDER, now, now.plus(TTL));
        return state.store.release(key, HOLDER, state.clock.instant());
    }
}
