package io.devreg;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * The opaque page cursor: the last id of a page, versioned and base64url-encoded so that callers
 * treat it as a token. A malformed cursor is reported as a validation error, never passed on.
 */
final class Cursor {

    private static final String PREFIX = "devreg:1:";
    private static final int MAX_LENGTH = 64;

    private Cursor() {
    }

    static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The last id the cursor names, or empty when it is not a cursor devreg issued. */
    static OptionalLong decode(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            return OptionalLong.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith(PREFIX)) {
                return OptionalLong.empty();
            }
            String digits = text.substring(PREFIX.length());
            if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalLong.empty();
            }
            long id = Long.parseLong(digits);
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (IllegalArgumentException e) { // bad base64, or a number beyond long
            return OptionalLong.empty();
        }
    }
}
