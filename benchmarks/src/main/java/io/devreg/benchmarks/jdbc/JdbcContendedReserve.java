package io.devreg.benchmarks.jdbc;

import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
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

/**
 * The loser path on a database: four threads keep trying to reserve one device that is already
 * reserved. devreg's conditional write changes nothing, then one read finds the device's status for
 * the {@code DEVICE_RESERVED} answer; the baseline's conditional statement changes nothing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Threads(4)
public class JdbcContendedReserve {

    private static final String MAC = DeviceKeys.mac(0);

    @State(Scope.Benchmark)
    public static class Devreg {
        @Param({"h2", "postgres"})
        public String database;
        BenchmarkDatabase db;
        DeviceRegistry registry;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, 1, DeviceStatus.RESERVED);
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

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, 1, DeviceStatus.RESERVED);
        }

        @TearDown
        public void close() {
            db.close();
        }
    }

    @State(Scope.Thread)
    public static class Connection {
        RawJdbc raw;

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
    public ErrorCode devreg(Devreg state) {
        try {
            state.registry.reserve(new ReserveRequest(DeviceKeys.TYPE, MAC, null));
        } catch (DeviceException refused) {
            return refused.code();
        }
        throw new IllegalStateException("A reserved device was reserved again");
    }

    @Benchmark
    public boolean baseline(Baseline state, Connection connection) throws SQLException {
        return connection.raw(state).transition(DeviceKeys.TYPE, MAC, DeviceOperation.RESERVE,
                DeviceStatus.AVAILABLE, DeviceStatus.RESERVED, state.clock.instant());
    }
}
