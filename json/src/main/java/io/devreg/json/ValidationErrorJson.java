package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.ValidationException;
import java.util.List;
import java.util.Map;

/**
 * The billing API's body of invalid input (HTTP 422):
 * {@code {"message": "...", "errors": {"type": ["is required"]}}}.
 *
 * @param message a summary of every error
 * @param errors  the reasons per wire field name, in the order the fields were checked
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"message", "errors"})
public record ValidationErrorJson(
        @JsonProperty("message") String message,
        @JsonProperty("errors") Map<String, List<String>> errors) {

    /** The body that reports {@code invalid}. */
    public static ValidationErrorJson of(ValidationException invalid) {
        return new ValidationErrorJson(invalid.getMessage(), invalid.errors());
    }
}
