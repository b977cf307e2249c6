package io.devreg.benchmarks.jdbc;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ReserveRequest;
import io.devreg.benchmarks.DeviceKeys;
import java.sql.SQLException;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Reserve+release cycles on available devices of an H2 ({@code embedded}) or PostgreSQL database,
 * each thread on its own devices: devreg against the raw statements of {@link RawJdbc}. One
 * operation is one full cycle: two committed transitions with their events.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcReserveRelease {

    /** Devices per thread; a power of two. */
    static final int DEVICES_PER_THREAD = 256;

    @State(Scope.Benchmark)
    public static class Devreg {
        @Param({"h2", "postgres"})
        public String database;
        BenchmarkDatabase db;
        DeviceRegistry registry;
        String[] macs;

        @Setup
        public void open(BenchmarkParams params) {
            int count = DEVICES_PER_THREAD * params.getThreads();
            db = BenchmarkDatabase.open(database, count, DeviceStatus.AVAILABLE);
            registry = db.defaultRegistry();
            macs = DeviceKeys.macs(count);
        }

        @TearDown
        public void close() {
            db.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        @Param({"h2", "postgres"})
        public String database;
        final Clock clock = Clock.systemUTC();
        BenchmarkDatabase db;
        String[] macs;

        @Setup
        public void open(BenchmarkParams params) {
            int count = DEVICES_PER_THREAD * params.getThreads();
            db = BenchmarkDatabase.open(database, count, DeviceStatus.AVAILABLE);
            macs = DeviceKeys.macs(count);
        }

        @TearDown
        public void close() {
            db.close();
        }
    }

    /** One thread's devices, cycled through in order, and its baseline connection. */
    @State(Scope.Thread)
    public static class Slice {
        int first;
        int next;
        RawJdbc raw;

        @Setup
        public void place(ThreadParams thread) {
            first = thread.getThreadIndex() * DEVICES_PER_THREAD;
        }

        int nextDevice() {
            return first + (next++ & (DEVICES_PER_THREAD - 1));
        }

        RawJdbc raw(Baseline baseline) {
            if (raw == null) {
                raw = baseline.db.raw(true);
            }
            return raw;
        }

        @TearDown
        public void close() throws SQLException {
            if (raw != null) {
                raw.close();
            }
        }
    }

    @Benchmark
    public Device devreg(Devreg state, Slice slice) {
        String mac = state.macs[slice.nextDevice()];
        state.registry.reserve(new ReserveRequest(DeviceKeys.TYPE, mac, null));
        return state.registry.release(DeviceRef.identity(DeviceKeys.TYPE, mac, null));
    }

    @Benchmark
    public boolean baseline(Baseline state, Slice slice) throws SQLException {
        String mac = state.macs[slice.nextDevice()];
        RawJdbc raw = slice.raw(state);
        // & rather than &&: the release runs whatever the reserve returned, as in devreg
        return raw.transition(DeviceKeys.TYPE, mac, DeviceOperation.RESERVE, DeviceStatus.AVAILABLE,
                DeviceStatus.RESERVED, state.clock.instant())
                & raw.transition(DeviceKeys.TYPE, mac, DeviceOperation.RELEASE, DeviceStatus.RESERVED,
                DeviceStatus.AVAILABLE, state.clock.instant());
    }

    @Benchmark
    @Threads(2)
    public Device devregTwoThreads(Devreg state, Slice slice) {
        return devreg(state, slice);
    }

    @Benchmark
    @Threads(2)
    public boolean baselineTwoThreads(Baseline state, Slice slice) throws SQLException {
        return baseline(state, slice);
    }
}
