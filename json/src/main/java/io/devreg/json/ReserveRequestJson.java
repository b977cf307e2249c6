package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.Hold;
import io.devreg.ReserveRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/billing/devices/reserve}:
 * {@code {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn"}}, optionally with a
 * hold's {@code "holder"} and {@code "ttl"} (in seconds). Any field may be missing here; the
 * registry validates them.
 *
 * @param type         the device type
 * @param mac          the mac address
 * @param serialNumber the serial number
 * @param holder       who holds the device (version 2); omitted for the billing API's anonymous reserve
 * @param ttl          how many seconds the hold lasts (version 2); omitted for the registry's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "mac", "serial_number", "holder", "ttl"})
public record ReserveRequestJson(
        @JsonProperty("type") @Nullable String type,
        @JsonProperty("mac") @Nullable String mac,
        @JsonProperty("serial_number") @Nullable String serialNumber,
        @JsonProperty("holder") @Nullable String holder,
        @JsonProperty("ttl") @Nullable Long ttl) {

    /** The billing API's body, without a hold. */
    public ReserveRequestJson(@Nullable String type, @Nullable String mac, @Nullable String serialNumber) {
        this(type, mac, serialNumber, null, null);
    }

    /** The registry's request. */
    public ReserveRequest toRequest() {
        return new ReserveRequest(type, mac, serialNumber);
    }

    /**
     * The hold the body asks for: null when it names neither a holder nor a TTL (the billing API's
     * anonymous reserve), else one the registry validates (a TTL without a holder is refused on
     * {@code holder}).
     */
    public @Nullable Hold toHold() {
        return holder == null && ttl == null ? null : new Hold(holder, ttl == null ? null : Duration.ofSeconds(ttl));
    }
}
