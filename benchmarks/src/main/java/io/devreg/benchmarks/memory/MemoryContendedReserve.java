package io.devreg.benchmarks.memory;

import io.devreg.Device;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.ReserveRequest;
import io.devreg.benchmarks.DeviceKeys;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The loser path: four threads keep trying to reserve one device that is already reserved. devreg
 * answers each with {@code DeviceException(DEVICE_RESERVED)}; the baseline's check-and-swap finds the
 * wrong status and leaves the value as it is.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Threads(4)
public class MemoryContendedReserve {

    private static final String MAC = DeviceKeys.mac(0);

    @State(Scope.Benchmark)
    public static class Devreg {
        DeviceRegistry registry;

        @Setup
        public void fill() {
            registry = MemoryFixtures.registry(1, true);
            registry.reserve(DeviceRef.identity(DeviceKeys.TYPE, MAC, null));
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        final Clock clock = Clock.systemUTC();
        final RawMemoryStore.Key key = new RawMemoryStore.Key(DeviceKeys.TYPE, MAC);
        RawMemoryStore store;

        @Setup
        public void fill() {
            store = MemoryFixtures.raw(1, true);
            store.transition(key, DeviceOperation.RESERVE, DeviceStatus.AVAILABLE, DeviceStatus.RESERVED,
                    clock.instant());
        }
    }

    @Benchmark
    public ErrorCode devreg(Devreg state) {
        try {
            state.registry.reserve(new ReserveRequest(DeviceKeys.TYPE, MAC, null));
        } catch (DeviceException refused) {
            return refused.code();
        }
        throw new IllegalStateException("A reserved device was reserved again");
    }

    @Benchmark
    public Device baseline(Baseline state) {
        return state.store.transition(new RawMemoryStore.Key(DeviceKeys.TYPE, MAC), DeviceOperation.RESERVE,
                DeviceStatus.AVAILABLE, DeviceStatus.RESERVED, state.clock.instant());
    }
}
