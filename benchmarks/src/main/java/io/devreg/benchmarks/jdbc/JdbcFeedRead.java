package io.devreg.benchmarks.jdbc;

import io.devreg.DeviceEvent;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.benchmarks.DeviceKeys;
import io.devreg.benchmarks.RandomIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The change feed read in pages (issue 13): {@code events(after, 1000)} from a random place in a feed
 * of {@value #EVENTS} events in an H2 ({@code embedded}) or PostgreSQL database, against a raw keyset
 * {@code SELECT} of the same page from the same events table, each row read into an object of its
 * columns. One operation is one event read. The events are the {@code REGISTER} events of a bulk
 * registration through devreg (set up once per fork, outside the measured time), so they carry
 * devreg's own sequences; on PostgreSQL devreg's query also compares them with the feed's horizon,
 * the oldest transaction still running, which is part of what the feed costs.
 *
 * <p>On PostgreSQL the events table is analyzed after the load, as autovacuum would have done within
 * a minute: on a table that has never been analyzed the planner reads every event after the cursor
 * and sorts them for each page (seen with {@code EXPLAIN ANALYZE}: a sequential or bitmap scan of
 * 50,000 rows and a top-N sort, for devreg's query and the baseline's alike), which measures the
 * missing statistics rather than either query.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcFeedRead {

    /** Events in the feed. */
    static final int EVENTS = 100_000;
    /** Events per page: the most one call may ask for. */
    static final int PAGE = 1000;

    /** A database holding the events, and the sequence of each. */
    abstract static class Feed {
        BenchmarkDatabase db;
        long[] sequences;
        final RandomIndex random = new RandomIndex(42);

        /** Opens the database, registers the events' devices through devreg; answers the registry it used. */
        DeviceRegistry load(String database) {
            db = BenchmarkDatabase.open(database, 0, DeviceStatus.INITIALIZING);
            DeviceRegistry registry = db.registry(false);
            for (int first = 0; first < EVENTS; first += 10_000) {
                List<NewDevice> chunk = new ArrayList<>();
                for (int n = first; n < first + 10_000; n++) {
                    chunk.add(DeviceKeys.newDevice(n));
                }
                if (registry.registerAll(chunk, ImportMode.CREATE).created() != chunk.size()) {
                    throw new IllegalStateException("The feed's fixture was not registered whole");
                }
            }
            try (Connection connection = db.baselineConnection(); Statement statement = connection.createStatement()) {
                if (db.postgres()) {
                    statement.execute("ANALYZE devreg_device_events");
                }
                try (ResultSet rows = statement.executeQuery(
                        "SELECT sequence_number FROM devreg_device_events ORDER BY sequence_number")) {
                    sequences = new long[EVENTS];
                    int n = 0;
                    while (rows.next()) {
                        sequences[n++] = rows.getLong(1);
                    }
                    if (n != EVENTS) {
                        throw new IllegalStateException("The feed holds " + n + " events, not " + EVENTS);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the feed's sequences", e);
            }
            return registry;
        }

        /** The sequence a page starts after: a random event with a full page after it. */
        long nextCursor() {
            return sequences[random.next(EVENTS - PAGE)];
        }
    }

    @State(Scope.Benchmark)
    public static class Devreg extends Feed {
        @Param({"h2", "postgres"})
        public String database;
        DeviceRegistry registry;

        @Setup
        public void open() {
            registry = load(database);
        }

        @TearDown
        public void close() {
            db.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline extends Feed {
        @Param({"h2", "postgres"})
        public String database;
        Connection connection;
        PreparedStatement page;

        @Setup
        public void open() throws SQLException {
            load(database);
            connection = db.baselineConnection();
            page = connection.prepareStatement("SELECT sequence_number, device_id, operation, from_status, to_status,"
                    + " occurred_at, holder, account, actor, reason, idempotency_key FROM devreg_device_events"
                    + " WHERE sequence_number > ? ORDER BY sequence_number LIMIT " + PAGE);
        }

        @TearDown
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                System.err.println("Could not close the baseline's connection: " + e);
            }
            db.close();
        }
    }

    /** An event's columns, as the baseline reads them. */
    record Row(long sequence, long deviceId, String operation, @Nullable String from, String to, OffsetDateTime at,
            @Nullable String holder, @Nullable String account, @Nullable String actor, @Nullable String reason,
            @Nullable String key) {
    }

    @Benchmark
    @OperationsPerInvocation(PAGE)
    public List<DeviceEvent> devreg(Devreg state) {
        List<DeviceEvent> page = state.registry.events(state.nextCursor(), PAGE);
        if (page.size() != PAGE) {
            throw new IllegalStateException("devreg read " + page.size() + " events, not " + PAGE);
        }
        return page;
    }

    @Benchmark
    @OperationsPerInvocation(PAGE)
    public List<Row> baseline(Baseline state) throws SQLException {
        state.page.setLong(1, state.nextCursor());
        List<Row> page = new ArrayList<>(PAGE);
        try (ResultSet rows = state.page.executeQuery()) {
            while (rows.next()) {
                page.add(new Row(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getObject(6, OffsetDateTime.class), rows.getString(7), rows.getString(8),
                        rows.getString(9), rows.getString(10), rows.getString(11)));
            }
        }
        if (page.size() != PAGE) {
            throw new IllegalStateException("The baseline read " + page.size() + " events, not " + PAGE);
        }
        return page;
    }
}
