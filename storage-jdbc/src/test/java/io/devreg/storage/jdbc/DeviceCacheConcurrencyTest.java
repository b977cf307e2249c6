package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DeviceCache}'s index of references beside Caffeine, under Caffeine's own eviction: a cache
 * of 8 devices over 64, so that entries are evicted (and, with a staleness bound, expire) all the
 * time, while threads read every device by every kind of reference and others write. A table of
 * devices stands in for the database, written under a lock per device as a row lock would. Every
 * read must return the device it names, never older than the last write that returned before the
 * read began, and the index must stay bounded by the devices the cache holds.
 */
class DeviceCacheConcurrencyTest {

    private static final int DEVICES = 64;
    private static final int CACHED = 8;
    private static final int READERS = 4;
    private static final int WRITERS = 2;
    private static final int READS_PER_READER = 60_000;

    private final Map<Long, Device> table = new ConcurrentHashMap<>();
    private final Map<DeviceRef, Long> ids = new HashMap<>();
    private final Object[] rowLocks = new Object[DEVICES + 1];
    /** Per device, the highest revision whose write has returned (written to the table, then to the cache). */
    private final AtomicLongArray returned = new AtomicLongArray(DEVICES + 1);
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final LongAdder loads = new LongAdder();

    static Stream<Arguments> caches() {
        return Stream.of(Arguments.of(ReadCache.singleWriter(CACHED)),
                Arguments.of(ReadCache.boundedStaleness(Duration.ofMillis(2), CACHED)));
    }

    @ParameterizedTest
    @MethodSource("caches")
    void readersByEveryReferenceNeverSeeADeviceOlderThanAReturnedWriteWhileCaffeineEvicts(ReadCache settings)
            throws Exception {
        DeviceCache cache = new DeviceCache(settings);
        for (long id = 1; id <= DEVICES; id++) {
            register(id);
        }
        List<DeviceRef> refs = new ArrayList<>(ids.keySet());
        AtomicLong readsLeft = new AtomicLong((long) READERS * READS_PER_READER);
        CyclicBarrier start = new CyclicBarrier(READERS + WRITERS);
        ExecutorService threads = Executors.newFixedThreadPool(READERS + WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < READERS + WRITERS; t++) {
            SplittableRandom random = new SplittableRandom(t);
            boolean reader = t < READERS;
            done.add(threads.submit(() -> {
                start.await();
                while (readsLeft.get() > 0) {
                    if (reader) {
                        read(cache, refs.get(random.nextInt(refs.size())));
                        readsLeft.decrementAndGet();
                    } else {
                        write(cache, 1 + random.nextInt(DEVICES));
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();

        assertThat(violations).as("reads that broke exactness (%d loads)", loads.sum()).isEmpty();
        assertThat(loads.sum()).as("Caffeine evicted, so lookups had to load again").isGreaterThan(DEVICES);
        assertThat(cache.referenceCount()).as("references, at most four per cached device")
                .isLessThanOrEqualTo(4 * CACHED);
    }

    private void read(DeviceCache cache, DeviceRef ref) {
        long id = ids.get(ref);
        long floor = returned.get((int) id); // before the lookup begins
        Optional<Device> found = cache.find(ref, this::load, this::load);
        if (found.isEmpty() || found.get().id() != id) {
            violations.add(ref + " found " + found + ", not device " + id);
        } else if (found.get().revision() < floor) {
            violations.add(ref + " found revision " + found.get().revision() + " after revision " + floor + " returned");
        }
    }

    /** Changes the device in the table (the commit), then tells the cache, then returns, as the store does. */
    private void write(DeviceCache cache, long id) {
        Device written;
        synchronized (rowLocks[(int) id]) {
            Device current = table.get(id);
            written = new Device(current.id(), current.type(), current.uuid(), current.serialNumber(), current.mac(),
                    current.status() == DeviceStatus.AVAILABLE ? DeviceStatus.RESERVED : DeviceStatus.AVAILABLE,
                    current.name(), current.version(), current.createdAt(), current.lastUpdatedAt(), current.online(),
                    current.revision() + 1);
            table.put(id, written);
            cache.written(written);
        }
        returned.accumulateAndGet((int) id, written.revision(), Math::max);
    }

    private Optional<Device> load(DeviceRef ref) {
        return load(ids.get(ref));
    }

    private Optional<Device> load(long id) {
        loads.increment();
        return Optional.ofNullable(table.get(id));
    }

    private void register(long id) {
        String hex = String.format("%010x", id);
        Device device = NewDevice.builder("router")
                .uuid(new UUID(0, id))
                .mac("02:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6) + ":"
                        + hex.substring(6, 8) + ":" + hex.substring(8, 10))
                .serialNumber("sn-" + id)
                .build()
                .toDevice(id, Instant.parse("2026-01-01T00:00:00Z"));
        table.put(id, device);
        rowLocks[(int) id] = new Object();
        ids.put(DeviceRef.id(id), id);
        for (DeviceRef ref : DeviceCache.referencesOf(device)) {
            ids.put(ref, id);
        }
    }
}
