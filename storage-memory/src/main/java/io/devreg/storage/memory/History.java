package io.devreg.storage.memory;

import io.devreg.DeviceEvent;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One device's events, oldest first, kept as their sequence numbers in the {@link EventLog}. The
 * event objects live in the log only: a second reference to each event, from its device's history,
 * made every append write a young object's reference into a long-lived array, one array per device.
 * Under G1 each such write dirties another card that the next young collection must scan, which
 * measured a third of an in-memory reserve+release; a {@code long} carries no such cost.
 *
 * <p>The sequences sit in chunks that are never copied once filled: chunk {@code k} holds
 * {@code min(4 << k, 1024)} of them, so a new device's history is small and a long one grows a
 * chunk at a time instead of being copied whole.
 *
 * <p>{@link InMemoryDeviceStore}'s cell extends this class, so a history adds no object of its own
 * to a device: a new device's history is its four-slot chunk. Not thread-safe: the store guards
 * each history by its device's cell.
 */
class History {

    private static final int FIRST_CHUNK = 4;
    private static final int LARGEST_CHUNK = 1024;
    private static final long[][] NO_CHUNKS = {};

    /** The chunk being filled. */
    private long[] filling = new long[FIRST_CHUNK];
    /** Sequences in the chunk being filled. */
    private int filled;

    /** The full chunks, oldest first, in the first {@link #fullChunks} slots. */
    private long[][] full = NO_CHUNKS;
    private int fullChunks;

    /** Appends {@code event}, which must have been appended to the log, after every event appended before. */
    final void add(DeviceEvent event) {
        if (filled == filling.length) {
            if (fullChunks == full.length) {
                full = Arrays.copyOf(full, Math.max(4, fullChunks * 2));
            }
            full[fullChunks++] = filling;
            filling = new long[Math.min(filling.length * 2, LARGEST_CHUNK)];
            filled = 0;
        }
        filling[filled++] = event.sequence();
    }

    /** The number of events appended. */
    final int size() {
        int size = filled;
        for (int k = 0; k < fullChunks; k++) {
            size += full[k].length;
        }
        return size;
    }

    /**
     * Every event appended, oldest first, as an unmodifiable list of its own.
     *
     * @param events the event with a given sequence: the log's
     */
    final List<DeviceEvent> toList(LongFunction<DeviceEvent> events) {
        DeviceEvent[] all = new DeviceEvent[size()];
        int at = 0;
        for (int k = 0; k < fullChunks; k++) {
            for (long sequence : full[k]) {
                all[at++] = events.apply(sequence);
            }
        }
        for (int i = 0; i < filled; i++) {
            all[at++] = events.apply(filling[i]);
        }
        return List.of(all);
    }
}
