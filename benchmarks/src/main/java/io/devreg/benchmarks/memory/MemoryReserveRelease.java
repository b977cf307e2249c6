package io.devreg.benchmarks.memory;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ReserveRequest;
import io.devreg.benchmarks.DeviceKeys;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Reserve+release cycles on available devices of the in-memory store, each thread on its own
 * devices: devreg ({@code reserve(ReserveRequest)} then {@code release(DeviceRef.identity)}) against
 * two raw check-and-swaps with event appends. One operation is one full cycle.
 *
 * <p>Every event stays in the heap, so each iteration starts from a fresh store: the heap then
 * holds one iteration's events, not the whole run's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MemoryReserveRelease {

    /** Devices per thread; a power of two. */
    static final int DEVICES_PER_THREAD = 1024;

    @State(Scope.Benchmark)
    public static class Devreg {
        DeviceRegistry registry;
        String[] macs;

        @Setup(Level.Iteration)
        public void fill(BenchmarkParams params) {
            int count = DEVICES_PER_THREAD * params.getThreads();
            registry = MemoryFixtures.registry(count, true);
            macs = DeviceKeys.macs(count);
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        final Clock clock = Clock.systemUTC();
        RawMemoryStore store;
        String[] macs;

        @Setup(Level.Iteration)
        public void fill(BenchmarkParams params) {
            int count = DEVICES_PER_THREAD * params.getThreads();
            store = MemoryFixtures.raw(count, true);
            macs = DeviceKeys.macs(count);
        }
    }

    /** The devices of one thread, cycled through in order. */
    @State(Scope.Thread)
    public static class Slice {
        int first;
        int next;

        @Setup(Level.Trial)
        public void place(ThreadParams thread) {
            first = thread.getThreadIndex() * DEVICES_PER_THREAD;
        }

        int nextDevice() {
            return first + (next++ & (DEVICES_PER_THREAD - 1));
        }
    }

    @Benchmark
    public Device devreg(Devreg state, Slice slice) {
        String mac = state.macs[slice.nextDevice()];
        state.registry.reserve(new ReserveRequest(DeviceKeys.TYPE, mac, null));
        return state.registry.release(DeviceRef.identity(DeviceKeys.TYPE, mac, null));
    }

    @Benchmark
    public Device baseline(Baseline state, Slice slice) {
        String mac = state.macs[slice.nextDevice()];
        state.store.transition(new RawMemoryStore.Key(DeviceKeys.TYPE, mac), DeviceOperation.RESERVE,
                DeviceStatus.AVAILABLE, DeviceStatus.RESERVED, state.clock.instant());
        return state.store.transition(new RawMemoryStore.Key(DeviceKeys.TYPE, mac), DeviceOperation.RELEASE,
                DeviceStatus.RESERVED, DeviceStatus.AVAILABLE, state.clock.instant());
    }

    @Benchmark
    @Threads(2)
    public Device devregTwoThreads(Devreg state, Slice slice) {
        return devreg(state, slice);
    }

    @Benchmark
    @Threads(2)
    public Device baselineTwoThreads(Baseline state, Slice slice) {
        return baseline(state, slice);
    }
}
