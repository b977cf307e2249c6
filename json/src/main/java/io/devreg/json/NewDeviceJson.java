package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.NewDevice;
import org.jspecify.annotations.Nullable;

/**
 * A device to register, in the billing API's field names:
 * {@code {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn", "name": null,
 * "version": "1.1.1.1", "is_online": true}}. Any field may be missing here;
 * {@link #toNewDevice()} validates them.
 *
 * @param type         the device type
 * @param mac          the mac address
 * @param serialNumber the serial number
 * @param name         a display name
 * @param version      the firmware version
 * @param online       whether it is online; missing means false
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"type", "mac", "serial_number", "name", "version", "is_online"})
public record NewDeviceJson(
        @JsonProperty("type") @Nullable String type,
        @JsonProperty("mac") @Nullable String mac,
        @JsonProperty("serial_number") @Nullable String serialNumber,
        @JsonProperty("name") @Nullable String name,
        @JsonProperty("version") @Nullable String version,
        @JsonProperty("is_online") @Nullable Boolean online) {

    /**
     * The validated device to register.
     *
     * @return the device, with a random uuid
     * @throws io.devreg.ValidationException with every invalid field
     */
    public NewDevice toNewDevice() {
        // NewDevice.Builder takes a missing type and reports it as a field error.
        return NewDevice.builder(type).mac(mac).serialNumber(serialNumber).name(name).version(version)
                .online(Boolean.TRUE.equals(online)).build();
    }
}
