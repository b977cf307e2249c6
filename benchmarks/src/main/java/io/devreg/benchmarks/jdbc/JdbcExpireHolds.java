package io.devreg.benchmarks.jdbc;

import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Ending {@value #HOLDS} expired holds in an H2 ({@code embedded}) or PostgreSQL database, one
 * thread (issue 15): devreg's {@code expireHolds(10_000)} (one call: 10,000 is its largest limit)
 * against {@link RawExpiry}, the least-work sweep on minimal tables. One operation is one ended
 * hold, so every figure is holds per second.
 *
 * <p>Before each invocation (not measured) one {@code UPDATE} puts all {@value #HOLDS} devices under
 * a hold of {@link #HOLDER} that began {@link #TTL} plus a minute ago and ran out a minute ago, on
 * devreg's tables or the baseline's; the registry uses the system clock, by which the holds are
 * then over. The invocation must end every hold, or it fails. The events of earlier invocations
 * stay in the events table (10,000 more each time).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcExpireHolds {

    /** Expired holds per invocation, the most one {@code expireHolds} call may end. */
    static final int HOLDS = 10_000;
    /** The holder of every hold: a checkout session. */
    static final String HOLDER = "checkout-session-42";
    /** How long every hold lasted. */
    static final Duration TTL = Duration.ofMinutes(15);

    @State(Scope.Benchmark)
    public static class Devreg {
        @Param({"h2", "postgres"})
        public String database;
        BenchmarkDatabase db;
        DeviceRegistry registry;
        Connection fixture;
        PreparedStatement hold;

        @Setup
        public void open() throws SQLException {
            db = BenchmarkDatabase.open(database, HOLDS, DeviceStatus.AVAILABLE);
            registry = db.defaultRegistry();
            fixture = db.baselineConnection();
            hold = fixture.prepareStatement("UPDATE devreg_devices SET status = 'RESERVED', holder = ?,"
                    + " reserved_at = ?, expires_at = ?, revision = revision + 1, last_updated_at = ?");
        }

        @Setup(Level.Invocation)
        public void holdAndLetExpire() throws SQLException {
            Instant expired = Instant.now().minus(Duration.ofMinutes(1));
            Instant reserved = expired.minus(TTL);
            hold.setString(1, HOLDER);
            hold.setObject(2, reserved.atOffset(ZoneOffset.UTC));
            hold.setObject(3, expired.atOffset(ZoneOffset.UTC));
            hold.setObject(4, reserved.atOffset(ZoneOffset.UTC));
            hold.executeUpdate(); // auto-commit
        }

        @TearDown
        public void close() throws SQLException {
            fixture.close();
            db.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        @Param({"h2", "postgres"})
        public String database;
        BenchmarkDatabase db;
        RawExpiry raw;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, 0, DeviceStatus.AVAILABLE);
            raw = RawExpiry.leastWork(db, HOLDS);
        }

        @Setup(Level.Invocation)
        public void holdAndLetExpire() throws SQLException {
            Instant expired = Instant.now().minus(Duration.ofMinutes(1));
            raw.holdAll(HOLDER, expired.minus(TTL), expired);
        }

        @TearDown
        public void close() throws SQLException {
            raw.close();
            db.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(HOLDS)
    public int devreg(Devreg state) {
        return ended(state.registry.expireHolds(HOLDS));
    }

    @Benchmark
    @OperationsPerInvocation(HOLDS)
    public int baseline(Baseline state) throws SQLException {
        return ended(state.raw.expireHolds(Instant.now()));
    }

    private static int ended(int count) {
        if (count != HOLDS) {
            throw new IllegalStateException("Ended " + count + " of " + HOLDS + " expired holds");
        }
        return count;
    }
}
