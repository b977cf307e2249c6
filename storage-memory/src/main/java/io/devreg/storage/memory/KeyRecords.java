package io.devreg.storage.memory;

import io.devreg.Device;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The idempotency keys of an {@link InMemoryDeviceStore}: for each key, the fingerprint of the
 * request it was first used with and the device that write returned. A keyed write runs under the
 * lock of its key's stripe, so of concurrent writes with one key the first runs and records, and
 * the others then find the record; writes with different keys mostly run in parallel.
 */
final class KeyRecords {

    private static final int STRIPES = 64;

    private record Recorded(String fingerprint, Device device, Instant recordedAt) {
    }

    private final Map<String, Recorded> records = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];

    KeyRecords() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Runs {@code write} under {@code context}'s key: answers the record if the key has one, else
     * runs the write and records its device if it applied. A write without a key just runs.
     */
    WriteResult run(WriteContext context, Supplier<WriteResult> write) {
        String key = context.idempotencyKey();
        if (key == null) {
            return write.get();
        }
        synchronized (stripes[Math.floorMod(key.hashCode(), STRIPES)]) {
            Recorded recorded = records.get(key);
            if (recorded != null) {
                return new WriteResult.Recorded(recorded.fingerprint(), recorded.device());
            }
            WriteResult result = write.get();
            if (result instanceof WriteResult.Applied applied) {
                records.put(key, new Recorded(context.fingerprint(), applied.device().asOf(context.at()), context.at()));
            }
            return result;
        }
    }

    /** Deletes up to {@code limit} records made before {@code before}; how many it deleted. */
    int purge(Instant before, int limit) {
        int purged = 0;
        for (Iterator<Map.Entry<String, Recorded>> entries = records.entrySet().iterator();
                entries.hasNext() && purged < limit; ) {
            Map.Entry<String, Recorded> entry = entries.next();
            if (entry.getValue().recordedAt().isBefore(before) && records.remove(entry.getKey(), entry.getValue())) {
                purged++;
            }
        }
        return purged;
    }

    int size() {
        return records.size();
    }
}
