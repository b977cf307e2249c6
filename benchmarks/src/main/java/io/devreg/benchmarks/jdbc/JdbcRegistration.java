package io.devreg.benchmarks.jdbc;

import io.devreg.Device;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.benchmarks.DeviceKeys;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
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
 * Registration throughput on a database, one thread, each call a new device: devreg against a raw
 * insert of the device and its event, committed (H2: two statements; PostgreSQL: one CTE).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcRegistration {

    @State(Scope.Benchmark)
    public static class Devreg {
        @Param({"h2", "postgres"})
        public String database;
        BenchmarkDatabase db;
        DeviceRegistry registry;
        long next;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, 0, DeviceStatus.INITIALIZING);
            registry = db.defaultRegistry();
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
        RawJdbc raw;
        long next;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, 0, DeviceStatus.INITIALIZING);
            raw = db.raw(true);
        }

        @TearDown
        public void close() throws SQLException {
            raw.close();
            db.close();
        }
    }

    @Benchmark
    public Device devreg(Devreg state) {
        return state.registry.register(DeviceKeys.newDevice(state.next++));
    }

    @Benchmark
    public boolean baseline(Baseline state) throws SQLException {
        long n = state.next++;
        return state.raw.insert(DeviceKeys.TYPE, UUID.randomUUID(), DeviceKeys.mac(n), DeviceKeys.serialNumber(n),
                DeviceKeys.VERSION, state.clock.instant());
    }
}
