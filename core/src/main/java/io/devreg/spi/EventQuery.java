package io.devreg.spi;

import java.time.Instant;
import java.util.Objects;

/** Which events {@link DeviceStore#events(EventQuery)} reads. */
public sealed interface EventQuery permits EventQuery.Feed, EventQuery.OfDevice, EventQuery.OfAccount {

    /**
     * The change feed: events with a sequence greater than {@code afterSequence}, in ascending
     * sequence order, at most {@code limit} of them (see the feed guarantee of {@link DeviceStore}).
     */
    record Feed(long afterSequence, int limit) implements EventQuery {
        /** Checks the position is not negative and the limit positive. */
        public Feed {
            if (afterSequence < 0 || limit < 1) {
                throw new IllegalArgumentException("A feed window starts at 0 or later and holds at least one event");
            }
        }
    }

    /** Every event of the device with id {@code deviceId}, oldest first; none when there is no such device. */
    record OfDevice(long deviceId) implements EventQuery {
    }

    /**
     * The events billable usage is made of: every {@link io.devreg.DeviceOperation#ACTIVATE} and
     * {@link io.devreg.DeviceOperation#DEACTIVATE} event whose account is {@code account} and whose
     * time is before {@code to}, ordered by device id, then sequence. A store may leave out an
     * ACTIVATE event together with the DEACTIVATE event that follows it on the same device when
     * that DEACTIVATE's time is not after {@code from}: an activation that ended before the period.
     */
    record OfAccount(String account, Instant from, Instant to) implements EventQuery {
        /** Checks the components are present and the period not reversed. */
        public OfAccount {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("A period ends no earlier than it begins: " + from + " to " + to);
            }
        }
    }
}
