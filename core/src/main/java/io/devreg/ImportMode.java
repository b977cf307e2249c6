package io.devreg;

/** What {@link DeviceRegistry#registerAll} does with a row whose identity is already registered. */
public enum ImportMode {
    /** The row fails with {@link ErrorCode#DEVICE_ALREADY_REGISTERED}, as {@link DeviceRegistry#register} does. */
    CREATE,
    /**
     * The row updates the registered device's name, firmware version and online flag to the row's
     * ({@link RowOutcome#UPDATED}: revision + 1, no event, no status change), or leaves it as it
     * is when they already match ({@link RowOutcome#UNCHANGED}). Running the same import twice
     * therefore changes nothing the second time.
     */
    CREATE_OR_UPDATE
}
