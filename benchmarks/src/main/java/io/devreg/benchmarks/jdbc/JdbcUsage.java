package io.devreg.benchmarks.jdbc;

import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.UsageInterval;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The billable usage of one account of {@value #DEVICES_PER_ACCOUNT} devices over a month (30 days),
 * in an H2 ({@code embedded}) or PostgreSQL database whose events table holds {@value #EVENTS}
 * events, one thread (issue 15): devreg's {@code usage(account, from, to)} against
 * {@link RawUsage}, one {@code SELECT} of the account's activation events on a minimal table with
 * one index, summed in Java. One operation is one {@code usage} call.
 *
 * <p>The fixture ({@link RawUsage#load}, set up once per fork, outside the measured time) spreads
 * the events over {@value #DEVICES} devices in {@value #DEVICES} / {@value #DEVICES_PER_ACCOUNT}
 * accounts, each device active one day in two for 100 days; the month is days 60 to 90, so each
 * call reads the account's 90,000 events before its end (devreg's query and the baseline's both
 * need the activations before the window) and finds 15 one-day activations per device.
 *
 * <p>The month's end moves by a microsecond from one call to the next (the same events are read): H2
 * hands back the previous result of a prepared query run again with the same parameters on tables
 * nobody changed ({@code OPTIMIZE_REUSE_RESULTS}, on by default), which would measure that cache,
 * not the query.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcUsage {

    /** Devices, all registered. */
    static final int DEVICES = 10_000;
    /** Devices per account: the account measured has this many. */
    static final int DEVICES_PER_ACCOUNT = 1_000;
    /** Events in the events table. */
    static final int EVENTS = 1_000_000;
    /** The account measured. */
    static final String ACCOUNT = RawUsage.account(0);
    /** The start of the month. */
    static final Instant FROM = RawUsage.START.plus(Duration.ofDays(60));
    /** The end of the month. */
    static final Instant TO = FROM.plus(Duration.ofDays(30));

    /** The month's end of call {@code n}: {@link #TO}, or a microsecond later. */
    static Instant to(long n) {
        return TO.plusNanos(1_000 * (n & 1));
    }

    @State(Scope.Benchmark)
    public static class Devreg {
        @Param({"h2", "postgres"})
        public String database;
        BenchmarkDatabase db;
        DeviceRegistry registry;
        long calls;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, DEVICES, DeviceStatus.AVAILABLE);
            RawUsage.loadDevregEvents(db, DEVICES, DEVICES_PER_ACCOUNT, EVENTS);
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
        BenchmarkDatabase db;
        RawUsage raw;
        long calls;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, 0, DeviceStatus.AVAILABLE);
            raw = RawUsage.leastWork(db, DEVICES, DEVICES_PER_ACCOUNT, EVENTS);
        }

        @TearDown
        public void close() throws SQLException {
            raw.close();
            db.close();
        }
    }

    @Benchmark
    public List<UsageInterval> devreg(Devreg state) {
        return state.registry.usage(ACCOUNT, FROM, to(state.calls++));
    }

    @Benchmark
    public Duration baseline(Baseline state) throws SQLException {
        return state.raw.usage(ACCOUNT, FROM, to(state.calls++));
    }
}
