package io.devreg.storage.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether, and how, a {@link JdbcDeviceStore} serves {@code find} from memory. Only reads of single
 * devices are cached; lists, histories and the change feed always read the database.
 *
 * <ul>
 *   <li>{@link #none()}: every read goes to the database. The default of
 *       {@link JdbcDeviceStore#builder(javax.sql.DataSource)}.</li>
 *   <li>{@link #singleWriter(long)}: exact. Correct only when this store is the only one writing
 *       to the database, as for {@link JdbcDeviceStore#embedded(java.nio.file.Path)}, whose default
 *       it is. A cached device is replaced after each of this store's writes and is never older
 *       than the last write that returned.</li>
 *   <li>{@link #boundedStaleness(Duration, long)}: for a database that other instances write to.
 *       A device read may be up to {@code maxStaleness} older than the database; writes of this
 *       instance are reflected at once.</li>
 * </ul>
 */
public final class ReadCache {

    private static final ReadCache NONE = new ReadCache(0, Duration.ZERO);

    private final long maximumDevices;
    private final Duration maxStaleness; // ZERO: never expires (single writer)

    private ReadCache(long maximumDevices, Duration maxStaleness) {
        this.maximumDevices = maximumDevices;
        this.maxStaleness = maxStaleness;
    }

    /** No cache: every read goes to the database. */
    public static ReadCache none() {
        return NONE;
    }

    /**
     * An exact cache of at most {@code maximumDevices} devices, for a store that is the only writer
     * of its database.
     *
     * @throws IllegalArgumentException if {@code maximumDevices} is not positive
     */
    public static ReadCache singleWriter(long maximumDevices) {
        return new ReadCache(positive(maximumDevices), Duration.ZERO);
    }

    /**
     * A cache of at most {@code maximumDevices} devices whose entries are read again after
     * {@code maxStaleness}: a device another instance changed may be seen in its old state that long.
     *
     * @throws IllegalArgumentException if a value is not positive
     */
    public static ReadCache boundedStaleness(Duration maxStaleness, long maximumDevices) {
        Objects.requireNonNull(maxStaleness, "maxStaleness");
        if (maxStaleness.isNegative() || maxStaleness.isZero()) {
            throw new IllegalArgumentException("maxStaleness must be positive, not " + maxStaleness);
        }
        return new ReadCache(positive(maximumDevices), maxStaleness);
    }

    boolean enabled() {
        return maximumDevices > 0;
    }

    long maximumDevices() {
        return maximumDevices;
    }

    /** How long an entry may be served; {@link Duration#ZERO} for never expiring. */
    Duration maxStaleness() {
        return maxStaleness;
    }

    private static long positive(long maximumDevices) {
        if (maximumDevices < 1) {
            throw new IllegalArgumentException("maximumDevices must be positive, not " + maximumDevices);
        }
        return maximumDevices;
    }

    @Override
    public String toString() {
        if (!enabled()) {
            return "ReadCache[none]";
        }
        return "ReadCache[maximumDevices=" + maximumDevices
                + (maxStaleness.isZero() ? ", single writer" : ", maxStaleness=" + maxStaleness) + ']';
    }
}
