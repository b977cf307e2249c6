package io.devreg.benchmarks.jdbc;

import io.devreg.DeviceStatus;
import io.devreg.benchmarks.jdbc.RawBulkImport.SchemaCost;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
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
 * What each element of devreg's schema and settings costs a bulk import, measured on the least-work
 * baseline of {@link JdbcBulkImport} ({@link RawBulkImport#leastWork}): the same
 * {@value JdbcBulkImport#DEVICES} devices and events, with one {@link SchemaCost} added at a time
 * ({@code cost}), or with chunks of 1,000 rows per transaction as devreg commits them
 * ({@code chunksOf1000}) instead of 10,000. The ratio of a {@code cost} to {@code none}, both in
 * the same run, is what that element alone costs. {@code noWriteDelay} is an H2 setting (run it
 * with {@code -p database=h2}), {@code onConflictDoNothing} a PostgreSQL statement (with
 * {@code -p database=postgres}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcBulkImportCosts {

    /** A fresh database and least-work tables with the cost, for each invocation. */
    @State(Scope.Benchmark)
    public static class Tables {
        @Param({"h2", "postgres"})
        public String database;
        @Param({"none", "foreignKey", "eventsByDevice", "versionTwoIndexes", "noWriteDelay", "onConflictDoNothing",
            "chunksOf1000"})
        public String cost;
        BenchmarkDatabase db;
        RawBulkImport raw;
        int chunk;

        @Setup(Level.Invocation)
        public void open() {
            Set<SchemaCost> costs = EnumSet.noneOf(SchemaCost.class);
            switch (cost) {
                case "none", "chunksOf1000" -> {
                }
                case "foreignKey" -> costs.add(SchemaCost.FOREIGN_KEY);
                case "eventsByDevice" -> costs.add(SchemaCost.EVENTS_BY_DEVICE);
                case "versionTwoIndexes" -> costs.add(SchemaCost.VERSION_TWO_INDEXES);
                case "noWriteDelay" -> costs.add(SchemaCost.NO_WRITE_DELAY);
                case "onConflictDoNothing" -> costs.add(SchemaCost.ON_CONFLICT_DO_NOTHING);
                default -> throw new IllegalArgumentException("Unknown cost " + cost);
            }
            chunk = cost.equals("chunksOf1000") ? 1_000 : JdbcBulkImport.CHUNK;
            db = BenchmarkDatabase.open(database, 0, DeviceStatus.INITIALIZING);
            raw = RawBulkImport.leastWork(db, costs);
        }

        @TearDown(Level.Invocation)
        public void close() throws SQLException {
            raw.close();
            db.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(JdbcBulkImport.DEVICES)
    public int leastWorkWith(Tables tables) throws SQLException {
        tables.raw.importDevices(0, JdbcBulkImport.DEVICES, tables.chunk, Instant.now());
        return JdbcBulkImport.DEVICES;
    }
}
