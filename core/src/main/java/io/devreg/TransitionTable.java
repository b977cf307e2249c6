package io.devreg;

import java.util.EnumSet;
import java.util.Set;

/**
 * The status lifecycle: the one source of truth for which operation may start from which
 * statuses and where it leads.
 *
 * <pre>
 * operation                            allowed from          to
 * register                             (new)                 INITIALIZING
 * markAvailable                        INITIALIZING          AVAILABLE
 * reserve                              AVAILABLE             RESERVED
 * release                              RESERVED              AVAILABLE
 * activate (skipReserveCheck = false)  AVAILABLE             ACTIVATED
 * activate (skipReserveCheck = true)   AVAILABLE, RESERVED   ACTIVATED
 * deactivate                           ACTIVATED             DEACTIVATING
 * completeDeactivation                 DEACTIVATING          AVAILABLE
 * extend                               RESERVED              RESERVED
 * expire (a hold ran out)              RESERVED              AVAILABLE
 * forceRelease                         RESERVED              AVAILABLE
 * </pre>
 *
 * Holds (version 2) add conditions to these rows, never rows of their own: a device whose hold is
 * no longer active counts as AVAILABLE for every rule (its expiry is recorded first); {@code extend},
 * {@code release(ref, holder)} and an activation naming a holder accept a RESERVED device only when
 * the hold is that holder's (an activation naming a holder uses the row that skips the reserve
 * check, restricted to that holder's hold). See {@link io.devreg.spi.Transition}.
 *
 * <p>An operation refused because of the device's status fails with the code
 * {@link ErrorCode#refusedIn(DeviceStatus)} of that status.
 */
public final class TransitionTable {

    /**
     * One row of the table.
     *
     * @param operation the operation
     * @param from      the statuses it may start from (empty for {@link DeviceOperation#REGISTER})
     * @param to        the status it leads to
     */
    public record Rule(DeviceOperation operation, Set<DeviceStatus> from, DeviceStatus to) {
        public Rule {
            // An immutable Set.copyOf, so that each Transition made from this rule reuses it as is
            // (Set.copyOf of an immutable set is that set) instead of copying it on every operation.
            from = Set.copyOf(from);
        }

        /** Whether the operation may start from {@code status}. */
        public boolean allows(DeviceStatus status) {
            return from.contains(status);
        }
    }

    private static final Rule REGISTER = new Rule(DeviceOperation.REGISTER, Set.of(), DeviceStatus.INITIALIZING);
    private static final Rule MARK_AVAILABLE = rule(DeviceOperation.MARK_AVAILABLE, DeviceStatus.AVAILABLE,
            DeviceStatus.INITIALIZING);
    private static final Rule RESERVE = rule(DeviceOperation.RESERVE, DeviceStatus.RESERVED, DeviceStatus.AVAILABLE);
    private static final Rule RELEASE = rule(DeviceOperation.RELEASE, DeviceStatus.AVAILABLE, DeviceStatus.RESERVED);
    private static final Rule ACTIVATE = rule(DeviceOperation.ACTIVATE, DeviceStatus.ACTIVATED,
            DeviceStatus.AVAILABLE);
    private static final Rule ACTIVATE_SKIPPING_RESERVE_CHECK = rule(DeviceOperation.ACTIVATE,
            DeviceStatus.ACTIVATED, DeviceStatus.AVAILABLE, DeviceStatus.RESERVED);
    private static final Rule DEACTIVATE = rule(DeviceOperation.DEACTIVATE, DeviceStatus.DEACTIVATING,
            DeviceStatus.ACTIVATED);
    private static final Rule COMPLETE_DEACTIVATION = rule(DeviceOperation.COMPLETE_DEACTIVATION,
            DeviceStatus.AVAILABLE, DeviceStatus.DEACTIVATING);
    private static final Rule EXTEND = rule(DeviceOperation.EXTEND, DeviceStatus.RESERVED, DeviceStatus.RESERVED);
    private static final Rule EXPIRE = rule(DeviceOperation.EXPIRE, DeviceStatus.AVAILABLE, DeviceStatus.RESERVED);
    private static final Rule FORCE_RELEASE = rule(DeviceOperation.FORCE_RELEASE, DeviceStatus.AVAILABLE,
            DeviceStatus.RESERVED);

    private TransitionTable() {
    }

    /**
     * The rule of {@code operation}. {@code skipReserveCheck} matters only for
     * {@link DeviceOperation#ACTIVATE}.
     */
    public static Rule rule(DeviceOperation operation, boolean skipReserveCheck) {
        return switch (operation) {
            case REGISTER -> REGISTER;
            case MARK_AVAILABLE -> MARK_AVAILABLE;
            case RESERVE -> RESERVE;
            case RELEASE -> RELEASE;
            case ACTIVATE -> skipReserveCheck ? ACTIVATE_SKIPPING_RESERVE_CHECK : ACTIVATE;
            case DEACTIVATE -> DEACTIVATE;
            case COMPLETE_DEACTIVATION -> COMPLETE_DEACTIVATION;
            case EXTEND -> EXTEND;
            case EXPIRE -> EXPIRE;
            case FORCE_RELEASE -> FORCE_RELEASE;
        };
    }

    /** The rule of {@code operation}, which must not be an activation skipping the reserve check. */
    public static Rule rule(DeviceOperation operation) {
        return rule(operation, false);
    }

    private static Rule rule(DeviceOperation operation, DeviceStatus to, DeviceStatus first, DeviceStatus... rest) {
        return new Rule(operation, EnumSet.of(first, rest), to);
    }
}
