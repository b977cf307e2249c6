package io.devreg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Billable usage from events: each {@link DeviceOperation#ACTIVATE} on an account opens an interval
 * that the device's next {@link DeviceOperation#DEACTIVATE} closes; an interval still open is
 * closed at the end of the period. Intervals are clipped to the half-open period {@code [from, to)},
 * so adjacent periods split an interval exactly at their boundary.
 */
final class Usage {

    private static final Comparator<DeviceEvent> BY_DEVICE_THEN_SEQUENCE =
            Comparator.comparingLong(DeviceEvent::deviceId).thenComparingLong(DeviceEvent::sequence);

    private Usage() {
    }

    /** The intervals of {@code account} in {@code [from, to)}, from that account's ACTIVATE and DEACTIVATE events. */
    static List<UsageInterval> of(List<DeviceEvent> events, String account, Instant from, Instant to) {
        List<DeviceEvent> ordered = new ArrayList<>(events);
        ordered.sort(BY_DEVICE_THEN_SEQUENCE);
        List<UsageInterval> intervals = new ArrayList<>();
        long device = 0;
        Instant start = null;
        for (DeviceEvent event : ordered) {
            if (event.deviceId() != device) {
                add(intervals, device, account, start, to, from, to);
                device = event.deviceId();
                start = null;
            }
            if (event.operation() == DeviceOperation.ACTIVATE) {
                start = event.at();
            } else if (event.operation() == DeviceOperation.DEACTIVATE && start != null) {
                add(intervals, device, account, start, event.at(), from, to);
                start = null;
            }
        }
        add(intervals, device, account, start, to, from, to);
        return List.copyOf(intervals);
    }

    private static void add(List<UsageInterval> intervals, long device, String account, @Nullable Instant start,
            Instant end, Instant from, Instant to) {
        if (start == null) {
            return;
        }
        Instant clippedStart = start.isBefore(from) ? from : start;
        Instant clippedEnd = end.isAfter(to) ? to : end;
        if (clippedStart.isBefore(clippedEnd)) {
            intervals.add(new UsageInterval(device, account, clippedStart, clippedEnd));
        }
    }
}
