package io.devreg.benchmarks.jdbc;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.benchmarks.DeviceKeys;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Reserve-with-holder+release cycles on available devices of an H2 ({@code embedded}) or
 * PostgreSQL database, one thread (issue 15): devreg ({@code reserve(ref, Hold.of(holder, ttl))}
 * then {@code release(ref, holder)}) against {@link RawHolds}, twice: {@code baseline} is the
 * least-work baseline (minimal tables, the database's default settings), {@code baselineSchemaEqual}
 * the same statements on devreg's own tables. {@code devreg} and {@code devregSchemaEqual} are the
 * same benchmark, measured once beside each baseline. One operation is one full cycle: two
 * committed transitions with their events.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcHoldReserveRelease {

    /** Devices cycled through; a power of two. */
    static final int DEVICES = 256;
    /** The holder of every hold: a checkout session. */
    static final String HOLDER = "checkout-session-42";
    /** How long every hold lasts. */
    static final Duration TTL = Duration.ofMinutes(15);

    @State(Scope.Benchmark)
    public static class Devreg {
        @Param({"h2", "postgres"})
        public String database;
        BenchmarkDatabase db;
        DeviceRegistry registry;
        String[] macs;
        int next;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, DEVICES, DeviceStatus.AVAILABLE);
            registry = db.defaultRegistry();
            macs = DeviceKeys.macs(DEVICES);
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
        RawHolds leastWork;
        RawHolds schemaEqual;
        String[] macs;
        int next;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, DEVICES, DeviceStatus.AVAILABLE);
            leastWork = RawHolds.leastWork(db, DEVICES);
            schemaEqual = RawHolds.devregTables(db);
            macs = DeviceKeys.macs(DEVICES);
        }

        boolean cycle(RawHolds raw) throws SQLException {
            String mac = macs[next++ & (DEVICES - 1)];
            Instant now = clock.instant();
            // & rather than &&: the release runs whatever the reserve returned, as in devreg
            return raw.reserve(DeviceKeys.TYPE, mac, HOLDER, now, now.plus(TTL))
                    & raw.release(DeviceKeys.TYPE, mac, HOLDER, clock.instant());
        }

        @TearDown
        public void close() throws SQLException {
            leastWork.close();
            schemaEqual.close();
            db.close();
        }
    }

    @Benchmark
    public Device devreg(Devreg state) {
        DeviceRef ref = DeviceRef.identity(DeviceKeys.TYPE, state.macs[state.next++ & (DEVICES - 1)], null);
        state.registry.reserve(ref, Hold.of(HOLDER, TTL));
        return state.registry.release(ref, HOLDER);
    }

    @Benchmark
    public boolean baseline(Baseline state) throws SQLException {
        return state.cycle(state.leastWork);
    }

    @Benchmark
    public Device devregSchemaEqual(Devreg state) {
        return devreg(state);
    }

    @Benchmark
    public boolean baselineSchemaEqual(Baseline state) throws SQLException {
        return state.cycle(state.schemaEqual);
    }
}
