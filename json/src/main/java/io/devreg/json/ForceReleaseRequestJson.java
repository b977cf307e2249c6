package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.ReserveRequest;
import org.jspecify.annotations.Nullable;

/**
 * The body of an operator's release of any hold:
 * {@code {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn", "reason": "checkout abandoned"}}.
 * Any field may be missing here; the registry validates them ({@code reason} is required and
 * becomes the {@code force_release} event's reason).
 *
 * @param type         the device type
 * @param mac          the mac address
 * @param serialNumber the serial number
 * @param reason       why the hold is ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "mac", "serial_number", "reason"})
public record ForceReleaseRequestJson(
        @JsonProperty("type") @Nullable String type,
        @JsonProperty("mac") @Nullable String mac,
        @JsonProperty("serial_number") @Nullable String serialNumber,
        @JsonProperty("reason") @Nullable String reason) {

    /** The device the body names, as a request the registry validates. */
    public ReserveRequest toRequest() {
        return new ReserveRequest(type, mac, serialNumber);
    }
}
