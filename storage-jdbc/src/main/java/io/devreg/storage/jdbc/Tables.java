package io.devreg.storage.jdbc;

import java.util.regex.Pattern;

/**
 * The store's table names under one prefix. The prefix goes into SQL text, so it is checked here
 * against a strict pattern and can never carry anything but an identifier.
 */
record Tables(String prefix) {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}|");

    Tables {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("A table prefix is empty or up to 30 characters: a lower-case letter,"
                    + " then lower-case letters, digits or '_'; not '" + prefix + "'");
        }
    }

    String devices() {
        return prefix + "devices";
    }

    String events() {
        return prefix + "device_events";
    }

    String counter() {
        return prefix + "event_counter";
    }

    String idempotencyKeys() {
        return prefix + "idempotency_keys";
    }

    String schemaVersion() {
        return prefix + "schema_version";
    }
}
