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
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;

/**
 * A body that is not JSON, or has a field of the wrong JSON type, is invalid input like any other:
 * 422 with the field at fault (or {@code body}), never Spring's generic 400.
 *
 * <ul>
 *   <li>{@code body}: {@value #MALFORMED} when the body is not well-formed JSON (a truncated one
 *       among them: Jackson then names the field it was reading, but the field is not at fault);</li>
 *   <li>{@code body}: {@value #NOT_AN_OBJECT} when it is JSON but no object, or missing;</li>
 *   <li>the field: {@value #WRONG_TYPE} when a field's value is of the wrong JSON type (a number
 *       where a string belongs, see {@link StrictJsonInput}; an array; a fraction for a whole number;
 *       a number too large for the field).</li>
 * </ul>
 */
@RestControllerAdvice
class UnreadableRequests {

    static final String MALFORMED = "is malformed JSON";
    static final String NOT_AN_OBJECT = "must be a JSON object";
    static final String WRONG_TYPE = "has the wrong JSON type";

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ValidationErrorJson> unreadable(HttpMessageNotReadableException failure) {
        Map.Entry<String, String> fault = faultOf(failure);
        ValidationErrorJson body = new ValidationErrorJson("Invalid input: " + fault.getKey() + ' ' + fault.getValue(),
                Map.of(fault.getKey(), List.of(fault.getValue())));
        return ResponseEntity.status(new DeviceResponse.Invalid(body).httpStatus())
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** The field at fault (or {@code body}) and the reason. */
    private static Map.Entry<String, String> faultOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException && !(cause instanceof InputCoercionException)) {
                // the parser's failure, not the mapping's: the text itself is not JSON. (A number too
                // large for its field is well-formed JSON; the parser only reports it: the field's fault.)
                return Map.entry("body", MALFORMED);
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                String property = jackson.getPath().get(0).getPropertyName();
                return property == null ? Map.entry("body", NOT_AN_OBJECT) : Map.entry(property, WRONG_TYPE);
            }
        }
        return Map.entry("body", NOT_AN_OBJECT);
    }
}
