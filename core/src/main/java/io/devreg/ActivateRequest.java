package io.devreg;

import org.jspecify.annotations.Nullable;

/**
 * An activation request as the billing API receives it: the device's identity, and whether a
 * reserved device may be activated ({@code skip_reserve_check}).
 *
 * @param type             required
 * @param mac              a mac address; this or {@code serialNumber} is required
 * @param serialNumber     a serial number; this or {@code mac} is required
 * @param skipReserveCheck when true, a {@link DeviceStatus#RESERVED} device is activated too
 */
public record ActivateRequest(
        @Nullable String type, @Nullable String mac, @Nullable String serialNumber, boolean skipReserveCheck) {

    /**
     * The device this request names.
     *
     * @throws ValidationException with every invalid field
     */
    public DeviceRef ref() {
        return new DeviceRef.ByIdentity(type, mac, serialNumber);
    }
}
