package io.devreg;

/** The changes that append a {@link DeviceEvent}: registration and every status transition. */
public enum DeviceOperation {
    /** A new device, in status initialization. */
    REGISTER,
    /** initialization to available. */
    MARK_AVAILABLE,
    /** available to reserve: a hold begins. */
    RESERVE,
    /** reserve to available: the holder (or anyone, for version 1's release) ended the hold. */
    RELEASE,
    /** available (or reserve, by the hold's holder or skipping the reserve check) to active. */
    ACTIVATE,
    /** active to deactivation. */
    DEACTIVATE,
    /** deactivation to available. */
    COMPLETE_DEACTIVATION,
    /** reserve to reserve: the holder moved the hold's expiry. */
    EXTEND,
    /** reserve to available: the hold ran out (recorded by the first write after, or by {@link DeviceRegistry#expireHolds}). */
    EXPIRE,
    /** reserve to available: an operator ended the hold, with a reason. */
    FORCE_RELEASE
}
