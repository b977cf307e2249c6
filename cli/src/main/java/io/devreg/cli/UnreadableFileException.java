package io.devreg.cli;

import java.io.IOException;

/** An import file that is not one devreg can import: missing, unreadable, or with another CSV header. */
final class UnreadableFileException extends IOException {

    private static final long serialVersionUID = 1L;

    UnreadableFileException(String message) {
        super(message);
    }
}
