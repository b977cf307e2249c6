package io.devreg.benchmarks.jdbc;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import io.devreg.benchmarks.DeviceKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * Reserve+release as a new user meets it (issue 13): a new database with default settings
 * ({@link BenchmarkDatabase#empty}), devices registered through devreg with only a serial number or
 * only a mac ({@code key}), then reserve and release by type and that key, against the least work
 * for the same durable effect ({@link RawReserveRelease}: minimal tables, one unique index, the
 * database's default commit settings). {@code statistics}: {@code fresh} keeps every table never
 * analyzed for the whole fork, as a new database is for its first minute; {@code analyzed} runs
 * {@code ANALYZE} first. Each thread cycles through devices of its own; one operation is one full
 * cycle: two committed transitions with their events.
 *
 * <p>{@code database}: {@code postgres} (devreg and the baseline on one server with PostgreSQL's
 * default settings), {@code h2} (devreg embedded; the baseline in an H2 database of its own with H2's
 * default settings, which write a commit to the file up to half a second after it returns, where
 * devreg's embedded database writes it before: {@code WRITE_DELAY 0}) or {@code h2-durable} (the
 * same, but the baseline too writes every commit before it returns: the same durable effect).
 * {@link JdbcReserveRelease} is the schema-equal pair: devreg's own tables and settings on both sides.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcFreshReserveRelease {

    /** Devices per thread; a power of two. */
    static final int DEVICES_PER_THREAD = 256;

    /** What both sides of the pair are parameterized by, and their database. */
    @State(Scope.Benchmark)
    public abstract static class Fixture {
        @Param({"h2", "h2-durable", "postgres"})
        public String database;
        /** The one key each device has and is found by: {@code serial} or {@code mac}. */
        @Param({"serial", "mac"})
        public String key;
        @Param({"fresh", "analyzed"})
        public String statistics;
        BenchmarkDatabase db;
        String[] keys;

        void open(BenchmarkParams params) {
            int count = DEVICES_PER_THREAD * params.getThreads();
            db = BenchmarkDatabase.empty(switch (database) {
                case "h2", "h2-durable" -> "h2";
                default -> database;
            });
            keys = new String[count];
            for (int n = 0; n < count; n++) {
                keys[n] = byMac() ? DeviceKeys.mac(n) : DeviceKeys.serialNumber(n);
            }
        }

        boolean byMac() {
            return switch (key) {
                case "mac" -> true;
                case "serial" -> false;
                default -> throw new IllegalArgumentException("Unknown key " + key + ": serial or mac");
            };
        }

        boolean analyzed() {
            return switch (statistics) {
                case "analyzed" -> true;
                case "fresh" -> false;
                default -> throw new IllegalArgumentException("Unknown statistics " + statistics + ": fresh or analyzed");
            };
        }

        @TearDown
        public void close() {
            db.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Devreg extends Fixture {
        DeviceRegistry registry;

        @Setup
        public void setUp(BenchmarkParams params) throws SQLException {
            open(params);
            registry = db.defaultRegistry();
            List<NewDevice> devices = new ArrayList<>();
            for (String value : keys) {
                NewDevice.Builder device = NewDevice.builder(DeviceKeys.TYPE).version(DeviceKeys.VERSION).online(true);
                devices.add((byMac() ? device.mac(value) : device.serialNumber(value)).build());
            }
            if (registry.registerAll(devices, ImportMode.CREATE).created() != keys.length) {
                throw new IllegalStateException("devreg did not register every benchmark device");
            }
            for (String value : keys) {
                registry.markAvailable(ref(value));
            }
            try (Connection connection = db.baselineConnection()) {
                BenchmarkDatabase.settleStatistics(connection, db.postgres(), analyzed(), "devreg_devices",
                        "devreg_device_events");
            }
        }

        DeviceRef ref(String value) {
            return byMac() ? DeviceRef.identity(DeviceKeys.TYPE, value, null)
                    : DeviceRef.identity(DeviceKeys.TYPE, null, value);
        }

        ReserveRequest request(String value) {
            return byMac() ? new ReserveRequest(DeviceKeys.TYPE, value, null)
                    : new ReserveRequest(DeviceKeys.TYPE, null, value);
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline extends Fixture {
        final Clock clock = Clock.systemUTC();

        @Setup
        public void setUp(BenchmarkParams params) {
            open(params);
            RawReserveRelease.create(db, byMac() ? "mac" : "serial_number", keys.length, analyzed());
        }

        /** Whether the baseline writes every commit before it returns, as devreg's embedded H2 does. */
        boolean durable() {
            return database.equals("h2-durable");
        }
    }

    /** One thread's devices, cycled through in order, and its baseline connection. */
    @State(Scope.Thread)
    public static class Slice {
        int first;
        int next;
        RawReserveRelease raw;

        @Setup
        public void place(ThreadParams thread) {
            first = thread.getThreadIndex() * DEVICES_PER_THREAD;
        }

        int nextDevice() {
            return first + (next++ & (DEVICES_PER_THREAD - 1));
        }

        RawReserveRelease raw(Baseline baseline) {
            if (raw == null) {
                raw = RawReserveRelease.open(baseline.db, baseline.byMac() ? "mac" : "serial_number",
                        baseline.durable());
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
        String value = state.keys[slice.nextDevice()];
        state.registry.reserve(state.request(value));
        return state.registry.release(state.ref(value));
    }

    @Benchmark
    public boolean baseline(Baseline state, Slice slice) throws SQLException {
        String value = state.keys[slice.nextDevice()];
        RawReserveRelease raw = slice.raw(state);
        // & rather than &&: the release runs whatever the reserve returned, as in devreg
        return raw.transition(DeviceKeys.TYPE, value, DeviceOperation.RESERVE, DeviceStatus.AVAILABLE,
                DeviceStatus.RESERVED, state.clock.instant())
                & raw.transition(DeviceKeys.TYPE, value, DeviceOperation.RELEASE, DeviceStatus.RESERVED,
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
