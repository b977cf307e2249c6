package io.devreg;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open period {@code [from, to)} during which a device was {@link DeviceStatus#ACTIVATED}
 * on an account: from its {@link DeviceOperation#ACTIVATE} event to its
 * {@link DeviceOperation#DEACTIVATE} event, clipped to the period asked for. Never empty.
 *
 * @param deviceId the device
 * @param account  the account it was activated on
 * @param from     the first instant billed
 * @param to       the first instant not billed; after {@code from}
 */
public record UsageInterval(long deviceId, String account, Instant from, Instant to) {

    /** Checks the components: present, and {@code from} before {@code to}. */
    public UsageInterval {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("A usage interval is never empty: " + from + " is not before " + to);
        }
    }
}
