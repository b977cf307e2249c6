package io.devreg.examples.boot;

import io.devreg.Device;
import io.devreg.DeviceField;
import io.devreg.DeviceRegistry;
import io.devreg.RequestContext;
import io.devreg.ValidationException;
import io.devreg.json.DeviceResponse;
import io.devreg.json.ValidationErrorJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Runs the service's writes under the request's {@code Idempotency-Key} header, as the IETF
 * Idempotency-Key draft and payment APIs do it:
 *
 * <ul>
 *   <li>No header: the write as it always was.</li>
 *   <li>A key: the registry records it with the write. The same key with the same request again is
 *       answered with the same status and body, changes nothing, and carries
 *       {@code Idempotent-Replayed: true}; with another request it answers 422
 *       {@code {"message", "code": 33905}} ({@link DeviceResponse.KeyReused}). A refused or
 *       invalid write records nothing, so its retry is judged afresh.</li>
 *   <li>A key over 255 characters, or the header given twice: 400
 *       {@code {"message", "errors": {"idempotency_key": [...]}}}. Any other invalid key (blank,
 *       not printable ASCII): 422 with the same field error, as any invalid field.</li>
 * </ul>
 *
 * The key is the only header a write reads. An actor or a reason taken from headers that any client
 * can set would not make an audit record; a service that has authentication records the
 * authenticated principal with {@link RequestContext.Builder#actor}.
 */
@Component
class IdempotentWrites {

    static final String KEY_HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final DeviceRegistry registry;

    IdempotentWrites(DeviceRegistry registry) {
        this.registry = registry;
    }

    /**
     * Answers {@code write}, made on the registry or, when the request has a key, on a view under it.
     *
     * @param headers the request's headers
     * @param write   a write on the view it is given, yielding a device; it may throw devreg's documented exceptions
     */
    ResponseEntity<Object> run(HttpHeaders headers, Function<DeviceRegistry, Device> write) {
        List<String> keys = headers.getOrEmpty(KEY_HEADER);
        if (keys.size() > 1) {
            return malformedKey("must be given once");
        }
        String key = keys.isEmpty() ? null : keys.get(0);
        int maxLength = DeviceField.IDEMPOTENCY_KEY.maxLength();
        if (key != null && key.length() > maxLength) {
            return malformedKey("must be at most " + maxLength + " characters");
        }
        AtomicBoolean replayed = new AtomicBoolean();
        DeviceResponse response = DeviceResponse.ofDevice(() -> write.apply(key == null ? registry
                : registry.with(RequestContext.builder().idempotencyKey(key)
                        .onReplay(recorded -> replayed.set(true)).build())));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.httpStatus());
        if (replayed.get()) {
            answer.header(REPLAYED_HEADER, "true");
        }
        return answer.body(response.body());
    }

    /** 400: the header is not one key a client could mean; the IETF draft's answer to a malformed header. */
    private static ResponseEntity<Object> malformedKey(String reason) {
        ValidationException invalid = new ValidationException(
                Map.of(DeviceField.IDEMPOTENCY_KEY.wireName(), List.of(reason)));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ValidationErrorJson.of(invalid));
    }
}
