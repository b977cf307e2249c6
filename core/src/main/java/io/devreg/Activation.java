package io.devreg;

import org.jspecify.annotations.Nullable;

/**
 * How a device is activated: on which account, by whom, and whether the reserve check is skipped.
 * The argument of {@link DeviceRegistry#activate(DeviceRef, Activation)}.
 *
 * <ul>
 *   <li>From {@link DeviceStatus#AVAILABLE}: always allowed.</li>
 *   <li>From {@link DeviceStatus#RESERVED} with an active hold: allowed when {@code holder} is the
 *       hold's holder (the holder completes its own hold) or when {@code skipReserveCheck} is true
 *       (the billing API's override); otherwise {@link ErrorCode#DEVICE_RESERVED}.</li>
 * </ul>
 *
 * Checked when it is used: {@code account} (wire field {@code account}) and {@code holder} (wire
 * field {@code holder}) are each, when given, 1 to 128 characters after stripping, with no control
 * character; a blank value counts as absent.
 *
 * @param account          the account the device is activated on; kept on the device until its
 *                         deactivation completes, and the account {@link DeviceRegistry#usage} bills
 * @param holder           the holder completing its own hold, if any
 * @param skipReserveCheck whether a device reserved by anyone may be activated
 */
public record Activation(@Nullable String account, @Nullable String holder, boolean skipReserveCheck) {

    /** An activation on {@code account}, of an available device (or one {@code holder} holds). */
    public static Activation onAccount(String account, @Nullable String holder) {
        return new Activation(account, holder, false);
    }
}
