package io.devreg.benchmarks.jdbc;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.RequestContext;
import io.devreg.benchmarks.DeviceKeys;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The price of idempotency keys (issue 16): reserve+release cycles on available devices of an H2
 * ({@code embedded}) or PostgreSQL database, one thread, each write made through
 * {@code registry.with(RequestContext)} with a fresh idempotency key, against the same cycle
 * without keys. Here the baseline is devreg's own unkeyed path, not raw JDBC: the question is what a
 * key adds (its row, written in the write's transaction, with the device the write returned). The
 * cost of the unkeyed path over raw JDBC is {@link JdbcReserveRelease}'s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcKeyedReserveRelease {

    /** Devices cycled through; a power of two. */
    static final int DEVICES = 256;

    @State(Scope.Benchmark)
    public static class Registry {
        @Param({"h2", "postgres"})
        public String database;
        BenchmarkDatabase db;
        DeviceRegistry registry;
        String[] macs;
        int next;
        long nextKey;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, DEVICES, DeviceStatus.AVAILABLE);
            registry = db.defaultRegistry();
            macs = DeviceKeys.macs(DEVICES);
        }

        String nextMac() {
            return macs[next++ & (DEVICES - 1)];
        }

        /** A view whose writes carry a key never used before: every write is a first write. */
        DeviceRegistry keyed() {
            return registry.with(RequestContext.builder().idempotencyKey("bench-" + nextKey++).build());
        }

        @TearDown
        public void close() {
            db.close();
        }
    }

    @Benchmark
    public Device devreg(Registry state) {
        DeviceRef ref = DeviceRef.identity(DeviceKeys.TYPE, state.nextMac(), null);
        state.keyed().reserve(ref);
        return state.keyed().release(ref);
    }

    @Benchmark
    public Device baseline(Registry state) {
        DeviceRef ref = DeviceRef.identity(DeviceKeys.TYPE, state.nextMac(), null);
        state.registry.reserve(ref);
        return state.registry.release(ref);
    }
}
