package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.ReserveRequest;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/billing/devices/reserve}:
 * {@code {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn"}}. Any field may be
 * missing here; {@link io.devreg.DeviceRegistry#reserve(ReserveRequest)} validates them.
 *
 * @param type         the device type
 * @param mac          the mac address
 * @param serialNumber the serial number
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"type", "mac", "serial_number"})
public record ReserveRequestJson(
        @JsonProperty("type") @Nullable String type,
        @JsonProperty("mac") @Nullable String mac,
        @JsonProperty("serial_number") @Nullable String serialNumber) {

    /** The registry's request. */
    public ReserveRequest toRequest() {
        return new ReserveRequest(type, mac, serialNumber);
    }
}
