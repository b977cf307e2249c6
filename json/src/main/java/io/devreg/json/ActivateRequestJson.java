package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.ActivateRequest;
import org.jspecify.annotations.Nullable;

/**
 * The body of an activation:
 * {@code {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn", "skip_reserve_check": true}}.
 * A missing {@code skip_reserve_check} means false.
 *
 * @param type             the device type
 * @param mac              the mac address
 * @param serialNumber     the serial number
 * @param skipReserveCheck whether a reserved device may be activated too
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"type", "mac", "serial_number", "skip_reserve_check"})
public record ActivateRequestJson(
        @JsonProperty("type") @Nullable String type,
        @JsonProperty("mac") @Nullable String mac,
        @JsonProperty("serial_number") @Nullable String serialNumber,
        @JsonProperty("skip_reserve_check") @Nullable Boolean skipReserveCheck) {

    /** The registry's request. */
    public ActivateRequest toRequest() {
        return new ActivateRequest(type, mac, serialNumber, Boolean.TRUE.equals(skipReserveCheck));
    }
}
