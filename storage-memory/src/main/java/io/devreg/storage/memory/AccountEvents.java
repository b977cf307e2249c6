package io.devreg.storage.memory;

import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Per account, the sequences of its ACTIVATE and DEACTIVATE events in the {@link EventLog}: what
 * usage is read from, without scanning the whole log. An event is added after the log published it,
 * so a reader never meets one the feed does not show yet. Each account's list is guarded by itself.
 */
final class AccountEvents {

    private static final Comparator<DeviceEvent> BY_DEVICE_THEN_SEQUENCE =
            Comparator.comparingLong(DeviceEvent::deviceId).thenComparingLong(DeviceEvent::sequence);

    private final Map<String, History> accounts = new ConcurrentHashMap<>();

    /** Adds {@code event}, if it is an activation or deactivation on an account. */
    void published(DeviceEvent event) {
        if (event.account() == null || event.operation() != DeviceOperation.ACTIVATE
                && event.operation() != DeviceOperation.DEACTIVATE) {
            return;
        }
        History usage = accounts.computeIfAbsent(event.account(), account -> new History());
        synchronized (usage) {
            usage.add(event);
        }
    }

    /** The account's events before {@code to}, by device then sequence; {@code events} finds an event by its sequence. */
    List<DeviceEvent> before(String account, Instant to, LongFunction<DeviceEvent> events) {
        History usage = accounts.get(account);
        if (usage == null) {
            return List.of();
        }
        List<DeviceEvent> found;
        synchronized (usage) {
            found = new ArrayList<>(usage.toList(events));
        }
        found.removeIf(event -> !event.at().isBefore(to));
        found.sort(BY_DEVICE_THEN_SEQUENCE);
        return List.copyOf(found);
    }
}
