package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.DeviceException;

/**
 * The billing API's body of a refused operation (HTTP 400):
 * {@code {"message": "...", "code": 33599}}.
 *
 * @param message why, naming the device and its status
 * @param code    the numeric {@link io.devreg.ErrorCode#value()}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"message", "code"})
public record DeviceErrorJson(@JsonProperty("message") String message, @JsonProperty("code") int code) {

    /** The body that reports {@code refusal}. */
    public static DeviceErrorJson of(DeviceException refusal) {
        return new DeviceErrorJson(refusal.getMessage(), refusal.code().value());
    }
}
