package io.devreg;

import org.jspecify.annotations.Nullable;

/**
 * The body of the billing API's {@code POST /api/v1/billing/devices/reserve}: a device type and
 * its mac and/or serial number, as received. Validated by {@link DeviceRegistry#reserve}.
 *
 * @param type         required
 * @param mac          a mac address; this or {@code serialNumber} is required
 * @param serialNumber a serial number; this or {@code mac} is required
 */
public record ReserveRequest(@Nullable String type, @Nullable String mac, @Nullable String serialNumber) {

    /**
     * The device this request names.
     *
     * @throws ValidationException with every invalid field
     */
    public DeviceRef ref() {
        return new DeviceRef.ByIdentity(type, mac, serialNumber);
    }
}
