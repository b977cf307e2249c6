package io.devreg;

/** The changes that append a {@link DeviceEvent}: registration and every status transition. */
public enum DeviceOperation {
    /** A new device, in status initialization. */
    REGISTER,
    /** initialization to available. */
    MARK_AVAILABLE,
    /** available to reserve. */
    RESERVE,
    /** reserve to available. */
    RELEASE,
    /** available (or reserve, skipping the reserve check) to active. */
    ACTIVATE,
    /** active to deactivation. */
    DEACTIVATE,
    /** deactivation to available. */
    COMPLETE_DEACTIVATION
}
