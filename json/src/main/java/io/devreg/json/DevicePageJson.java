package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.Device;
import io.devreg.Page;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a device listing: {@code {"items": [...], "next_cursor": "..."}}; the cursor is null
 * on the last page.
 *
 * @param items      the devices, in id order
 * @param nextCursor where the next page starts, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"items", "next_cursor"})
public record DevicePageJson(
        @JsonProperty("items") List<DeviceJson> items,
        @JsonProperty("next_cursor") @Nullable String nextCursor) {

    /** The JSON shape of {@code page}. */
    public static DevicePageJson of(Page<Device> page) {
        return new DevicePageJson(page.items().stream().map(DeviceJson::of).toList(),
                page.nextCursor().orElse(null));
    }
}
