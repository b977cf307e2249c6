package io.devreg.benchmarks.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.benchmarks.DeviceKeys;
import io.devreg.benchmarks.RandomIndex;
import io.devreg.benchmarks.memory.RawMemoryStore;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import java.sql.SQLException;
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
 * {@code get(DeviceRef.identity(type, mac))} on a database at two population sizes.
 * <ul>
 *   <li>{@code devreg} / {@code baseline}: without a cache, keys drawn at random from the whole
 *       population; the baseline is one prepared {@code SELECT} by {@code (type, mac)}.</li>
 *   <li>{@code devregCached} / {@code baselineCached}: with the cache, keys drawn from
 *       {@value #HOT_DEVICES} hot devices (they fit in it); the baseline is a bare Caffeine
 *       {@code get} of the same key, of the same size (and, on PostgreSQL, the same staleness bound),
 *       loading through the baseline's {@code SELECT} on a miss.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class JdbcGetByIdentity {

    /** How many devices the cached benchmarks read. */
    static final int HOT_DEVICES = 1000;

    @State(Scope.Benchmark)
    public static class Devreg {
        @Param({"h2", "postgres"})
        public String database;
        @Param({"10000", "1000000"})
        public int deviceCount;
        BenchmarkDatabase db;
        DeviceRegistry uncached;
        DeviceRegistry cached;
        String[] macs;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, deviceCount, DeviceStatus.AVAILABLE);
            uncached = db.registry(false);
            cached = db.registry(true);
            macs = DeviceKeys.macs(deviceCount);
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
        @Param({"10000", "1000000"})
        public int deviceCount;
        BenchmarkDatabase db;
        RawJdbc raw;
        Cache<RawMemoryStore.Key, Device> cache;
        String[] macs;

        @Setup
        public void open() {
            db = BenchmarkDatabase.open(database, deviceCount, DeviceStatus.AVAILABLE);
            raw = db.raw(false);
            Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(JdbcDeviceStore.EMBEDDED_CACHE_DEVICES);
            if (db.postgres()) {
                builder.expireAfterWrite(BenchmarkDatabase.POSTGRES_CACHE_STALENESS);
            }
            cache = builder.build();
            macs = DeviceKeys.macs(deviceCount);
        }

        Device load(RawMemoryStore.Key key) {
            try {
                return raw.get(key.type(), key.mac());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @TearDown
        public void close() throws SQLException {
            raw.close();
            db.close();
        }
    }

    @State(Scope.Thread)
    public static class Keys {
        final RandomIndex random = new RandomIndex(System.nanoTime());

        /** One of the hot devices, spread over the population. */
        int hot(int deviceCount) {
            return random.next(HOT_DEVICES) * (deviceCount / HOT_DEVICES);
        }
    }

    @Benchmark
    public Device devreg(Devreg state, Keys keys) {
        String mac = state.macs[keys.random.next(state.deviceCount)];
        return state.uncached.get(DeviceRef.identity(DeviceKeys.TYPE, mac, null));
    }

    @Benchmark
    public Device baseline(Baseline state, Keys keys) throws SQLException {
        String mac = state.macs[keys.random.next(state.deviceCount)];
        return state.raw.get(DeviceKeys.TYPE, mac);
    }

    @Benchmark
    public Device devregCached(Devreg state, Keys keys) {
        String mac = state.macs[keys.hot(state.deviceCount)];
        return state.cached.get(DeviceRef.identity(DeviceKeys.TYPE, mac, null));
    }

    @Benchmark
    public Device baselineCached(Baseline state, Keys keys) {
        String mac = state.macs[keys.hot(state.deviceCount)];
        return state.cache.get(new RawMemoryStore.Key(DeviceKeys.TYPE, mac), state::load);
    }
}
