package io.devreg;

import java.util.Locale;

/**
 * Where a device is in its lifecycle. {@link TransitionTable} says which operation moves a device
 * from which status to which.
 */
public enum DeviceStatus {
    /** Just registered; it will be available soon. */
    INITIALIZING("initialization"),
    /** Ready to be reserved or activated. */
    AVAILABLE("available"),
    /** Held for someone ({@link Device#reservation()}); only its holder, or an activation with {@code skip_reserve_check}, may take it. */
    RESERVED("reserve"),
    /** Added to a customer's account. */
    ACTIVATED("active"),
    /** Being removed from an account; it becomes available again when that completes. */
    DEACTIVATING("deactivation");

    private final String wireName;

    DeviceStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name the billing API uses for this status ({@code "reserve"} for {@link #RESERVED}). */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether a device in this status is on an account: {@link #ACTIVATED} or {@link #DEACTIVATING}
     * (the only statuses in which {@link Device#account()} may be set).
     */
    public boolean isOnAccount() {
        return this == ACTIVATED || this == DEACTIVATING;
    }

    /**
     * The status with the given wire name.
     *
     * @throws IllegalArgumentException if no status has that wire name
     */
    public static DeviceStatus fromWireName(String wireName) {
        for (DeviceStatus status : values()) {
            if (status.wireName.equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "No device status has the wire name '%s'; known: initialization, available, reserve, active, deactivation",
                wireName));
    }
}
