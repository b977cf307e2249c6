package io.devreg.benchmarks.memory;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.benchmarks.DeviceKeys;
import io.devreg.benchmarks.RandomIndex;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code get(DeviceRef.identity(type, mac))} on the in-memory store at two population sizes, keys
 * drawn at random from the whole population, against a bare {@code ConcurrentHashMap.get} of the
 * same key. The in-memory store has no cache: it is one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MemoryGetByIdentity {

    @State(Scope.Benchmark)
    public static class Devreg {
        @Param({"10000", "1000000"})
        public int deviceCount;
        DeviceRegistry registry;
        String[] macs;

        @Setup
        public void fill() {
            registry = MemoryFixtures.registry(deviceCount, false);
            macs = DeviceKeys.macs(deviceCount);
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        @Param({"10000", "1000000"})
        public int deviceCount;
        RawMemoryStore store;
        String[] macs;

        @Setup
        public void fill() {
            store = MemoryFixtures.raw(deviceCount, false);
            macs = DeviceKeys.macs(deviceCount);
        }
    }

    @State(Scope.Thread)
    public static class Keys {
        final RandomIndex random = new RandomIndex(System.nanoTime());
    }

    @Benchmark
    public Device devreg(Devreg state, Keys keys) {
        return state.registry.get(DeviceRef.identity(DeviceKeys.TYPE, state.macs[keys.random.next(state.deviceCount)],
                null));
    }

    @Benchmark
    public Device baseline(Baseline state, Keys keys) {
        return state.store.get(new RawMemoryStore.Key(DeviceKeys.TYPE, state.macs[keys.random.next(state.deviceCount)]));
    }
}
