package io.devreg.benchmarks.memory;

import io.devreg.Device;
import io.devreg.DeviceRegistry;
import io.devreg.benchmarks.DeviceKeys;
import java.time.Clock;
import java.util.UUID;
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
 * Registration throughput of the in-memory store, one thread, each call a new device with a random
 * uuid, a new mac and serial number; against a raw insert that checks and fills the same unique
 * indexes and appends the event. Each iteration starts from an empty store.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MemoryRegistration {

    @State(Scope.Benchmark)
    public static class Devreg {
        DeviceRegistry registry;
        long next;

        @Setup(Level.Iteration)
        public void empty() {
            registry = MemoryFixtures.registry(0, false);
            next = 0;
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        final Clock clock = Clock.systemUTC();
        RawMemoryStore store;
        long next;

        @Setup(Level.Iteration)
        public void empty() {
            store = MemoryFixtures.raw(0, false);
            next = 0;
        }
    }

    @Benchmark
    public Device devreg(Devreg state) {
        return state.registry.register(DeviceKeys.newDevice(state.next++));
    }

    @Benchmark
    public Device baseline(Baseline state) {
        long n = state.next++;
        return state.store.insert(DeviceKeys.TYPE, UUID.randomUUID(), DeviceKeys.mac(n), DeviceKeys.serialNumber(n),
                DeviceKeys.VERSION, state.clock.instant());
    }
}
