package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.ActivateRequest;
import io.devreg.Activation;
import org.jspecify.annotations.Nullable;

/**
 * The body of an activation:
 * {@code {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn", "skip_reserve_check": true}}.
 * A missing {@code skip_reserve_check} means false. Version 2 adds the optional {@code "account"}
 * the device is activated on and the {@code "holder"} completing its own hold.
 *
 * @param type             the device type
 * @param mac              the mac address
 * @param serialNumber     the serial number
 * @param skipReserveCheck whether a reserved device may be activated too
 * @param account          the account to activate on (version 2)
 * @param holder           the holder completing its own hold (version 2)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "mac", "serial_number", "skip_reserve_check", "account", "holder"})
public record ActivateRequestJson(
        @JsonProperty("type") @Nullable String type,
        @JsonProperty("mac") @Nullable String mac,
        @JsonProperty("serial_number") @Nullable String serialNumber,
        @JsonProperty("skip_reserve_check") @Nullable Boolean skipReserveCheck,
        @JsonProperty("account") @Nullable String account,
        @JsonProperty("holder") @Nullable String holder) {

    /** The billing API's body, without account and holder. */
    public ActivateRequestJson(@Nullable String type, @Nullable String mac, @Nullable String serialNumber,
            @Nullable Boolean skipReserveCheck) {
        this(type, mac, serialNumber, skipReserveCheck, null, null);
    }

    /** The registry's request. */
    public ActivateRequest toRequest() {
        return new ActivateRequest(type, mac, serialNumber, Boolean.TRUE.equals(skipReserveCheck));
    }

    /** The activation the body asks for: its account, its holder, and whether it skips the reserve check. */
    public Activation toActivation() {
        return new Activation(account, holder, Boolean.TRUE.equals(skipReserveCheck));
    }
}
