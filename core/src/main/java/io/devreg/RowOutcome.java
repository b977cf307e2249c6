package io.devreg;

/** What became of one row of {@link DeviceRegistry#registerAll}. */
public enum RowOutcome {
    /** A new device was registered, with its {@link DeviceOperation#REGISTER} event. */
    CREATED,
    /** An existing device's name, firmware version or online flag changed ({@link ImportMode#CREATE_OR_UPDATE}). */
    UPDATED,
    /** An existing device already had the row's values ({@link ImportMode#CREATE_OR_UPDATE}); nothing changed. */
    UNCHANGED,
    /** The row was refused; its {@link RowResult#code()} says why, and nothing of it was stored. */
    FAILED
}
