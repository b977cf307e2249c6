package io.devreg.examples.boot;

import io.devreg.json.DeviceResponse;
import io.devreg.json.ValidationErrorJson;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * A body that is not JSON, or has a field of the wrong JSON type, is invalid input like any other:
 * 422 with the field at fault (or {@code body}), never Spring's generic 400.
 */
@RestControllerAdvice
class UnreadableRequests {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ValidationErrorJson> unreadable(HttpMessageNotReadableException failure) {
        String field = fieldAtFault(failure);
        String reason = field.equals("body") ? "must be a JSON object" : "has the wrong JSON type";
        ValidationErrorJson body = new ValidationErrorJson("Invalid input: " + field + ' ' + reason,
                Map.of(field, List.of(reason)));
        return ResponseEntity.status(new DeviceResponse.Invalid(body).httpStatus())
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** The JSON property Jackson failed on, or {@code body} when the body itself is missing or malformed. */
    private static String fieldAtFault(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                String property = jackson.getPath().get(0).getPropertyName();
                return property == null ? "body" : property;
            }
        }
        return "body";
    }
}
