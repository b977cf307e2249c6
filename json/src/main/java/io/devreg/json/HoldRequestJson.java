package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.Hold;
import io.devreg.ReserveRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The body of an extension or of a release by the holder:
 * {@code {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn", "holder": "checkout-42", "ttl": 900}}.
 * Any field may be missing here; the registry validates them ({@code ttl} is ignored by a release).
 *
 * @param type         the device type
 * @param mac          the mac address
 * @param serialNumber the serial number
 * @param holder       the holder of the hold
 * @param ttl          how many seconds from now the hold lasts; omitted for the registry's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "mac", "serial_number", "holder", "ttl"})
public record HoldRequestJson(
        @JsonProperty("type") @Nullable String type,
        @JsonProperty("mac") @Nullable String mac,
        @JsonProperty("serial_number") @Nullable String serialNumber,
        @JsonProperty("holder") @Nullable String holder,
        @JsonProperty("ttl") @Nullable Long ttl) {

    /** The device the body names, as a request the registry validates. */
    public ReserveRequest toRequest() {
        return new ReserveRequest(type, mac, serialNumber);
    }

    /** The hold the body names. */
    public Hold toHold() {
        return new Hold(holder, ttl == null ? null : Duration.ofSeconds(ttl));
    }
}
