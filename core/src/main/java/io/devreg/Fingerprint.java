package io.devreg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * What an idempotency key is checked against: the operation and its arguments, normalized (a
 * reference and a request naming the same identity are the same request), written as named,
 * length-prefixed parts and hashed with SHA-256. Stable across processes and releases: a changed
 * encoding would make every recorded key look reused, so parts are only ever appended for new
 * arguments. Context (actor, reason) and time are not part of it.
 */
final class Fingerprint {

    private final StringBuilder text = new StringBuilder(128);

    private Fingerprint(String operation) {
        part("op", operation);
    }

    static Fingerprint of(String operation) {
        return new Fingerprint(operation);
    }

    /** Adds the device a reference names, by the reference's own key. */
    Fingerprint ref(DeviceRef ref) {
        if (ref instanceof DeviceRef.ById byId) {
            return part("id", Long.toString(byId.id()));
        }
        if (ref instanceof DeviceRef.ByUuid byUuid) {
            return part("uuid", byUuid.uuid().toString());
        }
        DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) ref;
        return part("type", identity.type()).part("mac", identity.mac()).part("serial_number", identity.serialNumber());
    }

    /** Adds one named argument; {@code null} is distinct from every string. */
    Fingerprint part(String name, @Nullable Object value) {
        text.append(name).append('=');
        if (value == null) {
            text.append('-');
        } else {
            String string = value.toString();
            text.append(string.length()).append(':').append(string);
        }
        text.append(';');
        return this;
    }

    /** The SHA-256 of the parts, in lower-case hex. */
    String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
