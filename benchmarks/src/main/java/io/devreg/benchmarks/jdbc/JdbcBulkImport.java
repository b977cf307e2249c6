package io.devreg.benchmarks.jdbc;

import io.devreg.BulkResult;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.benchmarks.DeviceKeys;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk import of {@value #DEVICES} new devices into an empty H2 ({@code embedded}) or PostgreSQL
 * database (issue 17), one thread; one operation is one device, so every figure is devices per
 * second. Each invocation imports into a fresh database (set up outside the measured time) and
 * lasts seconds, so an iteration is one invocation.
 * <ul>
 *   <li>{@code devreg}: {@code registerAll(rows, CREATE)} in calls of {@value #CHUNK} rows;
 *       {@code baseline}: {@link RawBulkImport#leastWork}, JDBC batches of the same rows and events
 *       in chunks of {@value #CHUNK}; {@code baselineSchemaEqual}: the same on devreg's tables.</li>
 *   <li>{@code devregSameDurability}: the same import, against {@code baselineSameDurability}, the
 *       least-work tables committed as durably as devreg's database commits: on H2 with
 *       {@code WRITE_DELAY 0} (a commit is written to the file before it returns, as in devreg's
 *       embedded database; H2's default writes it within 500 ms), on PostgreSQL the least-work
 *       baseline itself (one server, one setting for both).</li>
 *   <li>{@code devregAgainstOneByOne}: the same import, against {@code baselineAgainstOneByOne}, one
 *       {@code register} call per device over the first {@value #ONE_BY_ONE} devices only (a hundred
 *       thousand would take minutes): the ratio is how many times faster the bulk path is.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcBulkImport {

    /** Devices per import. */
    static final int DEVICES = 100_000;
    /** Rows per {@code registerAll} call and per baseline chunk. */
    static final int CHUNK = 10_000;
    /** Devices registered one by one. */
    static final int ONE_BY_ONE = 10_000;

    @State(Scope.Benchmark)
    public static class Rows {
        @Param({"h2", "postgres"})
        public String database;
        List<List<NewDevice>> chunks;

        @Setup(Level.Trial)
        public void build() {
            chunks = new ArrayList<>();
            for (int start = 0; start < DEVICES; start += CHUNK) {
                List<NewDevice> chunk = new ArrayList<>(CHUNK);
                for (int n = start; n < start + CHUNK; n++) {
                    chunk.add(DeviceKeys.newDevice(n));
                }
                chunks.add(chunk);
            }
        }
    }

    /** An empty database for each invocation. */
    @State(Scope.Benchmark)
    public static class Empty {
        BenchmarkDatabase db;
        DeviceRegistry registry;
        RawBulkImport raw;

        @Setup(Level.Invocation)
        public void open(Rows rows) {
            db = BenchmarkDatabase.open(rows.database, 0, DeviceStatus.INITIALIZING);
            registry = db.defaultRegistry();
        }

        RawBulkImport leastWork() {
            raw = RawBulkImport.leastWork(db);
            return raw;
        }

        RawBulkImport leastWorkSameDurability() {
            raw = RawBulkImport.leastWork(db, db.postgres() ? Set.of() : Set.of(RawBulkImport.SchemaCost.NO_WRITE_DELAY));
            return raw;
        }

        RawBulkImport schemaEqual() {
            raw = RawBulkImport.devregTables(db);
            return raw;
        }

        @TearDown(Level.Invocation)
        public void close() throws SQLException {
            if (raw != null) {
                raw.close();
                raw = null;
            }
            db.close();
        }
    }

    /** The raw baseline's connection and tables, set up before the measured call. */
    @State(Scope.Benchmark)
    public static class LeastWork {
        RawBulkImport raw;

        @Setup(Level.Invocation)
        public void open(Empty empty) {
            raw = empty.leastWork();
        }
    }

    /** The least-work baseline with devreg's commit durability, set up before the measured call. */
    @State(Scope.Benchmark)
    public static class SameDurability {
        RawBulkImport raw;

        @Setup(Level.Invocation)
        public void open(Empty empty) {
            raw = empty.leastWorkSameDurability();
        }
    }

    /** The schema-equal baseline's connection, set up before the measured call. */
    @State(Scope.Benchmark)
    public static class SchemaEqual {
        RawBulkImport raw;

        @Setup(Level.Invocation)
        public void open(Empty empty) {
            raw = empty.schemaEqual();
        }
    }

    @Benchmark
    @OperationsPerInvocation(DEVICES)
    public int devreg(Rows rows, Empty empty) {
        int created = 0;
        for (List<NewDevice> chunk : rows.chunks) {
            BulkResult result = empty.registry.registerAll(chunk, ImportMode.CREATE);
            if (result.created() != chunk.size()) {
                throw new IllegalStateException("registerAll created " + result.created() + " of " + chunk.size());
            }
            created += result.created();
        }
        return created;
    }

    @Benchmark
    @OperationsPerInvocation(DEVICES)
    public int baseline(LeastWork raw) throws SQLException {
        return importAll(raw.raw);
    }

    @Benchmark
    @OperationsPerInvocation(DEVICES)
    public int devregSameDurability(Rows rows, Empty empty) {
        return devreg(rows, empty);
    }

    @Benchmark
    @OperationsPerInvocation(DEVICES)
    public int baselineSameDurability(SameDurability raw) throws SQLException {
        return importAll(raw.raw);
    }

    @Benchmark
    @OperationsPerInvocation(DEVICES)
    public int devregSchemaEqual(Rows rows, Empty empty) {
        return devreg(rows, empty);
    }

    @Benchmark
    @OperationsPerInvocation(DEVICES)
    public int baselineSchemaEqual(SchemaEqual raw) throws SQLException {
        return importAll(raw.raw);
    }

    /** The baseline's import of every device, in chunks of {@value #CHUNK}. */
    private static int importAll(RawBulkImport raw) throws SQLException {
        raw.importDevices(0, DEVICES, CHUNK, Instant.now());
        return DEVICES;
    }

    @Benchmark
    @OperationsPerInvocation(DEVICES)
    public int devregAgainstOneByOne(Rows rows, Empty empty) {
        return devreg(rows, empty);
    }

    @Benchmark
    @OperationsPerInvocation(ONE_BY_ONE)
    public long baselineAgainstOneByOne(Rows rows, Empty empty) {
        long last = 0;
        for (int n = 0; n < ONE_BY_ONE; n++) {
            last = empty.registry.register(rows.chunks.get(n / CHUNK).get(n % CHUNK)).id();
        }
        return last;
    }
}
