package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.Device;
import io.devreg.Reservation;
import org.jspecify.annotations.Nullable;

/**
 * A device as the billing API writes it, for example:
 *
 * <pre>{@code
 * {"id": 25, "type": "mediaagent", "uuid": "7a593d26-8cfd-47e9-8647-1fb18a36fedb",
 *  "serial_number": "sn", "status": "reserve", "mac": "fake_mac_5", "name": null,
 *  "version": "1.1.1.1", "created_at": "2026-01-01T00:00:00Z",
 *  "last_updated_at": "2026-01-01T00:00:00.000001Z", "is_online": true}
 * }</pre>
 *
 * Absent values are written as {@code null}, whatever the mapper's default inclusion. Version 2's
 * fields follow when they say something: {@code holder}, {@code reserved_at} and {@code expires_at}
 * for a hold that names a holder or expires, {@code account} for a device activated on an account.
 * A device reserved by the billing API's anonymous reserve, with no TTL, is therefore written exactly
 * as the billing API writes it.
 *
 * @param id            the store-assigned id
 * @param type          the device type
 * @param uuid          the device's uuid
 * @param serialNumber  the serial number, or null
 * @param status        the status's wire name ({@link io.devreg.DeviceStatus#wireName()})
 * @param mac           the mac address, or null
 * @param name          the display name, or null
 * @param version       the firmware version, or null
 * @param createdAt     when it was registered, ISO-8601 in UTC
 * @param lastUpdatedAt when it last changed, ISO-8601 in UTC
 * @param online        whether it is online
 * @param holder        the hold's holder; omitted when null
 * @param reservedAt    when the hold began, ISO-8601 in UTC; omitted unless the hold names a holder or expires
 * @param expiresAt     when the hold ends, ISO-8601 in UTC; omitted for a hold that never ends
 * @param account       the account of the current activation; omitted when null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "type", "uuid", "serial_number", "status", "mac", "name", "version",
        "created_at", "last_updated_at", "is_online", "holder", "reserved_at", "expires_at", "account"})
public record DeviceJson(
        @JsonProperty("id") long id,
        @JsonProperty("type") String type,
        @JsonProperty("uuid") String uuid,
        @JsonProperty("serial_number") @Nullable String serialNumber,
        @JsonProperty("status") String status,
        @JsonProperty("mac") @Nullable String mac,
        @JsonProperty("name") @Nullable String name,
        @JsonProperty("version") @Nullable String version,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("last_updated_at") String lastUpdatedAt,
        @JsonProperty("is_online") boolean online,
        @JsonProperty("holder") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String holder,
        @JsonProperty("reserved_at") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reservedAt,
        @JsonProperty("expires_at") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String expiresAt,
        @JsonProperty("account") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String account) {

    /** The JSON shape of {@code device}. */
    public static DeviceJson of(Device device) {
        Reservation hold = device.reservation();
        boolean shown = hold != null && (hold.holder() != null || hold.expiresAt() != null);
        return new DeviceJson(device.id(), device.type(), device.uuid().toString(), device.serialNumber(),
                device.status().wireName(), device.mac(), device.name(), device.version(),
                device.createdAt().toString(), device.lastUpdatedAt().toString(), device.online(),
                shown ? hold.holder() : null, shown ? hold.reservedAt().toString() : null,
                shown && hold.expiresAt() != null ? hold.expiresAt().toString() : null, device.account());
    }
}
