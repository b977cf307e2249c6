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
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"sequence", "device_id", "operation", "from", "to", "at"})
public record DeviceEventJson(
        @JsonProperty("sequence") long sequence,
        @JsonProperty("device_id") long deviceId,
        @JsonProperty("operation") String operation,
        @JsonProperty("from") @Nullable String from,
        @JsonProperty("to") String to,
        @JsonProperty("at") String at) {

    /** The JSON shape of {@code event}. */
    public static DeviceEventJson of(DeviceEvent event) {
        DeviceStatus from = event.from();
        return new DeviceEventJson(event.sequence(), event.deviceId(),
                event.operation().name().toLowerCase(Locale.ROOT),
                from == null ? null : from.wireName(), event.to().wireName(), event.at().toString());
    }
}
