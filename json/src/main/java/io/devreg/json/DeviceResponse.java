package io.devreg.json;

import io.devreg.Device;
import io.devreg.DeviceException;
import io.devreg.ErrorCode;
import io.devreg.ValidationException;
import io.devreg.spi.StorageException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the billing API answers for one registry operation: an HTTP status and a body to write as
 * JSON. This is the one place that maps devreg's outcomes to the API's:
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>outcome</th><th>status</th><th>body</th></tr>
 *   <tr><td>success</td><td>200</td><td>the result, e.g. {@link DeviceJson}</td></tr>
 *   <tr><td>{@link DeviceException}</td><td>400</td><td>{@link DeviceErrorJson}</td></tr>
 *   <tr><td>{@link DeviceException} with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}</td><td>422</td>
 *       <td>{@link DeviceErrorJson}</td></tr>
 *   <tr><td>{@link ValidationException}</td><td>422</td><td>{@link ValidationErrorJson}</td></tr>
 *   <tr><td>{@link StorageException}</td><td>503</td><td>{@link StorageErrorJson}</td></tr>
 * </table>
 * A reused idempotency key is not a refusal by the device's state but a request that contradicts
 * the key's first one, hence 422 as the IETF Idempotency-Key draft answers it, with the library's
 * code (33905) so that a client can tell it from invalid fields. Any other exception is a bug and
 * is not caught.
 */
public sealed interface DeviceResponse
        permits DeviceResponse.Ok, DeviceResponse.Refused, DeviceResponse.KeyReused, DeviceResponse.Invalid,
        DeviceResponse.Unavailable {

    /** The HTTP status the billing API answers with. */
    int httpStatus();

    /** The body, a record of this package (or a list of them) to write as JSON. */
    Object body();

    /**
     * Runs {@code operation} and answers with its result in the API's shape.
     *
     * @param operation a registry operation
     * @param toJson    the JSON shape of its result, e.g. {@link DeviceJson#of}
     * @param <T>       the operation's result
     * @return the answer; never throws devreg's documented exceptions
     */
    static <T> DeviceResponse of(Supplier<T> operation, Function<? super T, ?> toJson) {
        try {
            return new Ok(toJson.apply(operation.get()));
        } catch (ValidationException invalid) {
            return new Invalid(ValidationErrorJson.of(invalid));
        } catch (DeviceException refused) {
            DeviceErrorJson body = DeviceErrorJson.of(refused);
            return refused.code() == ErrorCode.IDEMPOTENCY_KEY_REUSED ? new KeyReused(body) : new Refused(body);
        } catch (StorageException failure) {
            return new Unavailable(StorageErrorJson.of(failure));
        }
    }

    /**
     * Runs an operation that yields a device and answers with it as {@link DeviceJson}.
     *
     * @param operation a registry operation
     * @return the answer; never throws devreg's documented exceptions
     */
    static DeviceResponse ofDevice(Supplier<Device> operation) {
        return of(operation, DeviceJson::of);
    }

    /**
     * 200: the operation succeeded.
     *
     * @param body its result in JSON shape
     */
    record Ok(Object body) implements DeviceResponse {
        /** Checks the body is present. */
        public Ok {
            Objects.requireNonNull(body, "body");
        }

        @Override
        public int httpStatus() {
            return 200;
        }
    }

    /**
     * 400: the device's state refused the operation, or the device does not exist.
     *
     * @param body the message and the code
     */
    record Refused(DeviceErrorJson body) implements DeviceResponse {
        @Override
        public int httpStatus() {
            return 400;
        }
    }

    /**
     * 422: the request's idempotency key was used before with another request; nothing was changed.
     *
     * @param body the message and the code, {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}'s
     */
    record KeyReused(DeviceErrorJson body) implements DeviceResponse {
        @Override
        public int httpStatus() {
            return 422;
        }
    }

    /**
     * 422: the input was invalid; nothing reached the store.
     *
     * @param body the message and every invalid field
     */
    record Invalid(ValidationErrorJson body) implements DeviceResponse {
        @Override
        public int httpStatus() {
            return 422;
        }
    }

    /**
     * 503: the store failed.
     *
     * @param body what failed
     */
    record Unavailable(StorageErrorJson body) implements DeviceResponse {
        @Override
        public int httpStatus() {
            return 503;
        }
    }
}
