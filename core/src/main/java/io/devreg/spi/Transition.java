package io.devreg.spi;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.Reservation;
import io.devreg.TransitionTable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One conditional status change for {@link DeviceStore#transition}, made at a
 * {@link WriteContext#at() time} {@code at}. Every store implements exactly these rules, which
 * this class also states as code ({@link #appliesTo}, {@link #applyTo}, {@link #events}).
 *
 * <h2>The condition</h2>
 * The device is taken as a read at {@code at} reports it ({@link Device#asOf}): a hold that is no
 * longer active counts as {@link DeviceStatus#AVAILABLE}. The transition applies when that status
 * is one of {@link #from()} and, if it is {@link DeviceStatus#RESERVED}, the hold's holder is
 * {@link #holder()} (when set; an anonymous hold never matches a holder) and the hold began no
 * earlier than {@link #reservedSince()} (when set).
 *
 * <h2>The change</h2>
 * If the stored hold had expired, the store first records it ran out: an
 * {@link DeviceOperation#EXPIRE} event (RESERVED to AVAILABLE, the hold's holder) and a revision.
 * Then the device moves to {@link #to()}: revision + 1, last update {@code at}, and
 * <ul>
 *   <li>its reservation: when {@code to} is RESERVED, an extension of the current hold if the
 *       device was reserved (same holder and start, expiry {@link #expiresAt()}), else a new hold
 *       ({@link #holder()}, {@code at}, {@link #expiresAt()}); otherwise none;</li>
 *   <li>its account: when {@code to} is on an account ({@link DeviceStatus#isOnAccount()}), the
 *       device's own if it was on one already, else {@link #account()}; otherwise none;</li>
 *   <li>the event: {@link #operation()}, from the status as read, to {@code to}; its holder is the
 *       holder of the hold the device had, or of the hold it gets; its account is the account the
 *       device gets, or had; actor, reason and key from the {@link WriteContext}.</li>
 * </ul>
 *
 * @param operation     what the event records
 * @param from          the statuses (as read at the write's time) the change may start from; never empty
 * @param to            the status after the change
 * @param holder        the holder the operation acts for: a reserved device qualifies only when
 *                      its hold is this holder's; a new hold is made for it. Null: any holder
 *                      qualifies, and a new hold is anonymous
 * @param expiresAt     when the hold the device has after the change ends (when {@code to} is
 *                      RESERVED); null for never
 * @param reservedSince when set, a reserved device qualifies only if its hold began at or after
 *                      this instant (an extension's lifetime bound)
 * @param account       the account of an activation
 */
public record Transition(DeviceOperation operation, Set<DeviceStatus> from, DeviceStatus to,
        @Nullable String holder, @Nullable Instant expiresAt, @Nullable Instant reservedSince,
        @Nullable String account) {

    /** Checks the components; {@code from} is copied and must not be empty. */
    public Transition {
        Objects.requireNonNull(operation, "operation");
        from = Set.copyOf(from);
        Objects.requireNonNull(to, "to");
        if (from.isEmpty()) {
            throw new IllegalArgumentException("A transition starts from at least one status");
        }
    }

    /** The transition of a rule of the {@link TransitionTable}, for any holder, with no expiry and no account. */
    public static Transition of(TransitionTable.Rule rule) {
        return new Transition(rule.operation(), rule.from(), rule.to(), null, null, null, null);
    }

    /** This transition acting for {@code newHolder}. */
    public Transition withHolder(@Nullable String newHolder) {
        return new Transition(operation, from, to, newHolder, expiresAt, reservedSince, account);
    }

    /** This transition, leaving the device with a hold that ends at {@code newExpiresAt}. */
    public Transition withExpiry(@Nullable Instant newExpiresAt) {
        return new Transition(operation, from, to, holder, newExpiresAt, reservedSince, account);
    }

    /** This transition, only for a hold that began at or after {@code since}. */
    public Transition withReservedSince(@Nullable Instant since) {
        return new Transition(operation, from, to, holder, expiresAt, since, account);
    }

    /** This transition, activating on {@code newAccount}. */
    public Transition withAccount(@Nullable String newAccount) {
        return new Transition(operation, from, to, holder, expiresAt, reservedSince, newAccount);
    }

    /** Whether this transition applies to {@code current} (as stored) at {@code at}: see "The condition". */
    public boolean appliesTo(Device current, Instant at) {
        Device read = current.asOf(at);
        if (!from.contains(read.status())) {
            return false;
        }
        Reservation hold = read.reservation();
        if (read.status() != DeviceStatus.RESERVED || hold == null) {
            return read.status() != DeviceStatus.RESERVED || holder == null;
        }
        return (holder == null || holder.equals(hold.holder()))
                && (reservedSince == null || !hold.reservedAt().isBefore(reservedSince));
    }

    /** {@code current} (as stored) after this transition at {@code at}, including its expiry if its hold ran out. */
    public Device applyTo(Device current, Instant at) {
        Device read = current.asOf(at);
        long revision = current.revision() + (current.holdExpiredAt(at) ? 2 : 1);
        Reservation hold = read.reservation();
        Reservation newHold = null;
        if (to == DeviceStatus.RESERVED) {
            newHold = hold != null ? new Reservation(hold.holder(), hold.reservedAt(), expiresAt)
                    : new Reservation(holder, at, expiresAt);
        }
        String newAccount = !to.isOnAccount() ? null : read.status().isOnAccount() ? read.account() : account;
        return new Device(current.id(), current.type(), current.uuid(), current.serialNumber(), current.mac(), to,
                current.name(), current.version(), current.createdAt(), at, current.online(), revision, newHold,
                newAccount);
    }

    /**
     * The events this transition appends to {@code current} (as stored): its expiry, if its hold
     * ran out by {@link WriteContext#at()}, then its own; numbered from {@code firstSequence} on.
     */
    public List<DeviceEvent> events(long firstSequence, Device current, WriteContext context) {
        Instant at = context.at();
        Device read = current.asOf(at);
        Device after = applyTo(current, at);
        Reservation hold = read.reservation() != null ? read.reservation() : after.reservation();
        String eventAccount = after.account() != null ? after.account() : read.account();
        DeviceEvent own = new DeviceEvent(current.holdExpiredAt(at) ? firstSequence + 1 : firstSequence, current.id(),
                operation, read.status(), to, at, hold == null ? null : hold.holder(), eventAccount,
                context.actor(), context.reason(), context.idempotencyKey());
        return current.holdExpiredAt(at) ? List.of(expiry(firstSequence, current, context), own) : List.of(own);
    }

    /**
     * The device after its expired hold is recorded as over at {@code at} (by
     * {@link DeviceStore#expireHolds} or before another transition): available, no reservation,
     * revision + 1, last update {@code at}.
     */
    public static Device expire(Device current, Instant at) {
        if (!current.holdExpiredAt(at)) {
            throw new IllegalArgumentException(current + " has no hold that expired by " + at);
        }
        return new Device(current.id(), current.type(), current.uuid(), current.serialNumber(), current.mac(),
                DeviceStatus.AVAILABLE, current.name(), current.version(), current.createdAt(), at, current.online(),
                current.revision() + 1, null, null);
    }

    /** The {@link DeviceOperation#EXPIRE} event of {@code current}'s expired hold. */
    public static DeviceEvent expiry(long sequence, Device current, WriteContext context) {
        Reservation hold = Objects.requireNonNull(current.reservation(), "reservation");
        return new DeviceEvent(sequence, current.id(), DeviceOperation.EXPIRE, DeviceStatus.RESERVED,
                DeviceStatus.AVAILABLE, context.at(), hold.holder(), null, context.actor(), context.reason(),
                context.idempotencyKey());
    }
}
