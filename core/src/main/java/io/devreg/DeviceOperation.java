package io.devreg;

/** The changes that append a {@link DeviceEvent}: registration and every status transition. */
public enum DeviceOperation {
    REGISTER,
    MARK_AVAILABLE,
    RESERVE,
    RELEASE,
    ACTIVATE,
    DEACTIVATE,
    COMPLETE_DEACTIVATION
}
