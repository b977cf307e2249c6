package io.devreg.storage.memory;

import io.devreg.Device;
import io.devreg.Reservation;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The holds that will expire, ordered by expiry: what lets {@code expireHolds} reach the expired
 * ones without scanning every device. Updated under the device's lock whenever its hold changes.
 */
final class ExpiringHolds {

    private record Entry(Instant expiresAt, long deviceId) {
    }

    private final ConcurrentSkipListSet<Entry> entries = new ConcurrentSkipListSet<>(
            Comparator.comparing(Entry::expiresAt).thenComparingLong(Entry::deviceId));

    /** Records that the device's hold changed from {@code before}'s to {@code after}'s. */
    void changed(@Nullable Device before, Device after) {
        Instant old = expiry(before);
        Instant now = expiry(after);
        if (old != null && !old.equals(now)) {
            entries.remove(new Entry(old, after.id()));
        }
        if (now != null) {
            entries.add(new Entry(now, after.id()));
        }
    }

    /**
     * Offers the devices whose hold expired by {@code at}, earliest first, to {@code expire}, which
     * answers whether it ended the hold; stops after {@code limit} ended ones. Entries of holds that
     * changed meanwhile are skipped (their device's lock decides), and ended ones dropped.
     */
    int expire(Instant at, int limit, LongPredicate expire) {
        int ended = 0;
        for (Entry entry : entries) {
            if (ended == limit || entry.expiresAt().isAfter(at)) {
                break;
            }
            if (expire.test(entry.deviceId())) {
                ended++;
            }
        }
        return ended;
    }

    private static @Nullable Instant expiry(@Nullable Device device) {
        Reservation hold = device == null ? null : device.reservation();
        return hold == null ? null : hold.expiresAt();
    }
}
