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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of a cached {@code get} by identity goes (embedded H2, 10,000 devices, the
 * {@value JdbcGetByIdentity#HOT_DEVICES} hot devices of {@link JdbcGetByIdentity}): a diagnostic, not
 * a devreg/baseline pair, so the runner does not run it. Run with
 * {@code java -cp devreg-benchmarks.jar org.openjdk.jmh.Main CachedGetParts}.
 * <ul>
 *   <li>{@code key}: building the baseline's key, which reads no character of the mac;</li>
 *   <li>{@code reference}: {@code DeviceRef.identity(type, mac)}, which validates both values and so
 *       reads every character; {@code referenceFewDevices} the same over 16 devices, whose
 *       characters stay in the CPU's first-level cache;</li>
 *   <li>{@code cachedGet}: the whole devreg lookup, as {@link JdbcGetByIdentity#devregCached};</li>
 *   <li>{@code caffeineGet}: the baseline's bare Caffeine read, as {@link JdbcGetByIdentity#baselineCached}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class CachedGetParts {

    private static final int DEVICES = 10_000;

    private final RandomIndex random = new RandomIndex(42);
    private final Cache<RawMemoryStore.Key, Device> caffeine =
            Caffeine.newBuilder().maximumSize(JdbcDeviceStore.EMBEDDED_CACHE_DEVICES).build();
    private BenchmarkDatabase db;
    private DeviceRegistry registry;
    private String[] macs;

    @Setup
    public void open() {
        db = BenchmarkDatabase.open("h2", DEVICES, DeviceStatus.AVAILABLE);
        registry = db.registry(true);
        macs = DeviceKeys.macs(DEVICES);
    }

    @TearDown
    public void close() {
        db.close();
    }

    private String hotMac() {
        return macs[random.next(JdbcGetByIdentity.HOT_DEVICES) * (DEVICES / JdbcGetByIdentity.HOT_DEVICES)];
    }

    private Device load(RawMemoryStore.Key key) {
        return registry.get(DeviceRef.identity(key.type(), key.mac(), null));
    }

    @Benchmark
    public RawMemoryStore.Key key() {
        return new RawMemoryStore.Key(DeviceKeys.TYPE, hotMac());
    }

    @Benchmark
    public DeviceRef reference() {
        return DeviceRef.identity(DeviceKeys.TYPE, hotMac(), null);
    }

    @Benchmark
    public DeviceRef referenceFewDevices() {
        return DeviceRef.identity(DeviceKeys.TYPE, macs[random.next(16) * (DEVICES / 16)], null);
    }

    @Benchmark
    public Device cachedGet() {
        return registry.get(DeviceRef.identity(DeviceKeys.TYPE, hotMac(), null));
    }

    @Benchmark
    public Device caffeineGet() {
        return caffeine.get(new RawMemoryStore.Key(DeviceKeys.TYPE, hotMac()), this::load);
    }
}
