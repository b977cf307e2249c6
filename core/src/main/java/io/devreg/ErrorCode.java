package io.devreg;

/**
 * The codes a {@link DeviceException} carries. The first five are the billing API's own (the
 * codes of its {@code reserve} endpoint); the others are devreg's, numbered from 33901 so they
 * never collide with the billing API's.
 */
public enum ErrorCode {
    /** 33600: no device matches the reference. */
    DEVICE_NOT_FOUND(33600, "Device not found"),
    /** 33599: the device is reserved. */
    DEVICE_RESERVED(33599, "Device reserved"),
    /** 33603: the device is already activated. */
    DEVICE_ALREADY_ACTIVATED(33603, "Device already activated"),
    /** 33610: the device is being deactivated. */
    DEVICE_DEACTIVATING(33610, "Device in the process of deactivation"),
    /** 33622: the device was just registered and will be available soon. */
    DEVICE_INITIALIZING(33622, "Device in initialization"),
    /** 33901: the operation needs a device that is not available, and this one is. */
    DEVICE_AVAILABLE(33901, "Device available"),
    /** 33902: a device with the same uuid, (type, mac) or (type, serial_number) exists. */
    DEVICE_ALREADY_REGISTERED(33902, "Device already registered"),
    /** 33903: the device's revision is not the expected one; it changed in between. */
    REVISION_MISMATCH(33903, "Device revision mismatch"),
    /** 33904: the extension would make the hold last longer than the registry's maximum hold lifetime. */
    HOLD_LIFETIME_EXCEEDED(33904, "Hold lifetime exceeded"),
    /** 33905: the idempotency key was used before with a different request; nothing was changed. */
    IDEMPOTENCY_KEY_REUSED(33905, "Idempotency key reused with a different request");

    private final int value;
    private final String message;

    ErrorCode(int value, String message) {
        this.value = value;
        this.message = message;
    }

    /** The numeric code, as the billing API reports it. */
    public int value() {
        return value;
    }

    /** A short human-readable description of the code. */
    public String message() {
        return message;
    }

    /**
     * The code of an operation refused because the device is in {@code status}: each status has
     * exactly one.
     */
    public static ErrorCode refusedIn(DeviceStatus status) {
        return switch (status) {
            case INITIALIZING -> DEVICE_INITIALIZING;
            case AVAILABLE -> DEVICE_AVAILABLE;
            case RESERVED -> DEVICE_RESERVED;
            case ACTIVATED -> DEVICE_ALREADY_ACTIVATED;
            case DEACTIVATING -> DEVICE_DEACTIVATING;
        };
    }
}
