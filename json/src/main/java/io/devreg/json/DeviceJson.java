package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.Device;
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
 * Absent values are written as {@code null}, whatever the mapper's default inclusion.
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
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "type", "uuid", "serial_number", "status", "mac", "name", "version",
        "created_at", "last_updated_at", "is_online"})
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
        @JsonProperty("is_online") boolean online) {

    /** The JSON shape of {@code device}. */
    public static DeviceJson of(Device device) {
        return new DeviceJson(device.id(), device.type(), device.uuid().toString(), device.serialNumber(),
                device.status().wireName(), device.mac(), device.name(), device.version(),
                device.createdAt().toString(), device.lastUpdatedAt().toString(), device.online());
    }
}
