package io.devreg.storage.memory;

import io.devreg.DeviceEvent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The change feed: an append-only array of events whose sequence is its position plus one.
 * Appends are serialized by the log's lock, which both assigns the sequence and publishes the
 * event, so events become visible in sequence order and a reader never sees a gap. Readers take
 * no lock: they read the published size, then only slots below it.
 */
final class EventLog {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;

    private volatile DeviceEvent[][] chunks = new DeviceEvent[16][];
    /** The number of published events; slots below it are written and never change. */
    private volatile long size;

    /**
     * Appends the events {@code eventsFrom} makes when given the next sequence (one or more, numbered
     * from it on), after running {@code beforePublish} with them (which stages the change they record)
     * under the same lock. The events are published last, together, by one write of {@link #size()}.
     */
    synchronized List<DeviceEvent> append(LongFunction<List<DeviceEvent>> eventsFrom,
            Consumer<List<DeviceEvent>> beforePublish) {
        long first = size;
        List<DeviceEvent> events = eventsFrom.apply(first + 1);
        DeviceEvent[][] current = chunks;
        for (int i = 0; i < events.size(); i++) {
            long index = first + i;
            if (events.get(i).sequence() != index + 1) {
                throw new IllegalArgumentException("Event " + events.get(i) + " is not numbered " + (index + 1));
            }
            int chunk = (int) (index >>> CHUNK_BITS);
            if (chunk == current.length) {
                current = Arrays.copyOf(current, current.length * 2);
            }
            if (current[chunk] == null) {
                current[chunk] = new DeviceEvent[CHUNK_SIZE];
            }
            current[chunk][(int) (index & (CHUNK_SIZE - 1))] = events.get(i);
        }
        chunks = current;
        beforePublish.accept(events);
        size = first + events.size();
        return events;
    }

    /** Events with a sequence greater than {@code after}, ascending, at most {@code limit}. */
    List<DeviceEvent> after(long after, int limit) {
        long published = size; // read first: every slot below it is visible
        DeviceEvent[][] current = chunks;
        if (after >= published) {
            return List.of();
        }
        long end = Math.min(published, after + limit);
        DeviceEvent[] events = new DeviceEvent[(int) (end - after)];
        for (long index = after; index < end; index++) {
            events[(int) (index - after)] = current[(int) (index >>> CHUNK_BITS)][(int) (index & (CHUNK_SIZE - 1))];
        }
        return List.of(events); // unmodifiable, as every list devreg returns

    }

    /**
     * The event with {@code sequence}, which must be published, or have been appended by a thread
     * this one has synchronized with since.
     */
    DeviceEvent get(long sequence) {
        long index = sequence - 1;
        return chunks[(int) (index >>> CHUNK_BITS)][(int) (index & (CHUNK_SIZE - 1))];
    }

    /** The number of published events, which is also the greatest published sequence. */
    long size() {
        return size;
    }
}
