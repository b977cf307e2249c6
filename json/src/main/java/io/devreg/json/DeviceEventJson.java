package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.DeviceEvent;
import io.devreg.DeviceStatus;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a device's history or of the change feed:
 * {@code {"sequence": 3, "device_id": 1, "operation": "reserve", "from": "available", "to": "reserve", "at": "..."}}.
 *
 * @param sequence  the feed position
 * @param deviceId  the device that changed
 * @param operation the operation, lower case ({@code register}, {@code mark_available}, ...)
 * @param from      the status's wire name before, null for a registration
 * @param to        the status's wire name after
 * @param at        when, ISO-8601 in UTC
 * @param holder    the holder of the hold the change made, extended or ended; omitted when null
 * @param account   the account of the activation the change made, continued or ended; omitted when null
 * @param actor     who made the change; omitted when null
 * @param reason    why; omitted when null
 * @param idempotencyKey the idempotency key of the write; omitted when null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"sequence", "device_id", "operation", "from", "to", "at", "holder", "account", "actor",
        "reason", "idempotency_key"})
public record DeviceEventJson(
        @JsonProperty("sequence") long sequence,
        @JsonProperty("device_id") long deviceId,
        @JsonProperty("operation") String operation,
        @JsonProperty("from") @Nullable String from,
        @JsonProperty("to") String to,
        @JsonProperty("at") String at,
        @JsonProperty("holder") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String holder,
        @JsonProperty("account") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String account,
        @JsonProperty("actor") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String actor,
        @JsonProperty("reason") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reason,
        @JsonProperty("idempotency_key") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String idempotencyKey) {

    /** The JSON shape of {@code event}. */
    public static DeviceEventJson of(DeviceEvent event) {
        DeviceStatus from = event.from();
        return new DeviceEventJson(event.sequence(), event.deviceId(),
                event.operation().name().toLowerCase(Locale.ROOT),
                from == null ? null : from.wireName(), event.to().wireName(), event.at().toString(), event.holder(),
                event.account(), event.actor(), event.reason(), event.idempotencyKey());
    }
}
