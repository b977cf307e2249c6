package io.devreg;

import io.devreg.spi.Transition;
import java.time.Instant;
import java.util.Locale;

/**
 * Why the store refused a transition, as the {@link DeviceException} the caller gets: the code of
 * the device's status as read at the write's time; for a device whose status the transition may
 * start from, someone else's hold ({@link ErrorCode#DEVICE_RESERVED}) or a hold that would outlive
 * its maximum lifetime ({@link ErrorCode#HOLD_LIFETIME_EXCEEDED}). The exception carries the device
 * as a read at that time reports it.
 */
final class Refusals {

    private Refusals() {
    }

    static DeviceException of(Transition transition, Device stored, Instant at) {
        Device current = stored.asOf(at);
        String verb = transition.operation().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        Reservation hold = current.reservation();
        if (hold != null && transition.from().contains(current.status())) {
            if (transition.holder() != null && !transition.holder().equals(hold.holder())) {
                return new DeviceException(ErrorCode.DEVICE_RESERVED, current, "Cannot " + verb + ' '
                        + current.describe() + ": it is held by " + (hold.holder() == null ? "an anonymous hold"
                        : "another holder") + " (" + ErrorCode.DEVICE_RESERVED.message() + ')');
            }
            if (transition.reservedSince() != null && hold.reservedAt().isBefore(transition.reservedSince())) {
                return new DeviceException(ErrorCode.HOLD_LIFETIME_EXCEEDED, current, "Cannot " + verb + ' '
                        + current.describe() + " until " + transition.expiresAt() + ": its hold began at "
                        + hold.reservedAt() + " and may last until " + hold.reservedAt().plus(
                        java.time.Duration.between(transition.reservedSince(), transition.expiresAt()))
                        + " at most (" + ErrorCode.HOLD_LIFETIME_EXCEEDED.message() + ')');
            }
        }
        ErrorCode code = ErrorCode.refusedIn(current.status());
        return new DeviceException(code, current, "Cannot " + verb + ' ' + current.describe() + ": its status is "
                + current.status().wireName() + " (" + code.message() + ')');
    }
}
