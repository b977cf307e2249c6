package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.devreg.spi.StorageException;

/**
 * The body of a store failure (HTTP 503): {@code {"message": "..."}}. The billing API defines no
 * code for it, so there is none.
 *
 * @param message what failed, and whether the outcome of the operation is unknown
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StorageErrorJson(@JsonProperty("message") String message) {

    /** The body that reports {@code failure}. */
    public static StorageErrorJson of(StorageException failure) {
        return new StorageErrorJson(String.valueOf(failure.getMessage()));
    }
}
