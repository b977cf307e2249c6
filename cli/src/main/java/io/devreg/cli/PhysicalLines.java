package io.devreg.cli;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a UTF-8 file, one at a time, with their numbers. Bytes that are not UTF-8 become
 * U+FFFD rather than an exception, so that one bad line is reported and the next ones are read;
 * {@link #hasInvalidUtf8} tells which. (A U+FFFD written in the file on purpose counts as invalid
 * too: it stands for lost data in every field devreg stores.)
 */
final class PhysicalLines implements Closeable {

    private final BufferedReader reader;
    private final Deque<String> pushedBack = new ArrayDeque<>();
    private long number;

    private PhysicalLines(BufferedReader reader) {
        this.reader = reader;
    }

    /** The file's lines; a byte order mark before the first one is dropped. */
    static PhysicalLines open(Path file) throws IOException {
        InputStreamReader decoder = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        PhysicalLines lines = new PhysicalLines(new BufferedReader(decoder, 1 << 16));
        String first = lines.next();
        if (first != null) {
            lines.pushBack(List.of(first.startsWith("\uFEFF") ? first.substring(1) : first));
        }
        return lines;
    }

    /** The next line without its line break, or null at the end of the file. */
    @Nullable String next() throws IOException {
        String line = pushedBack.isEmpty() ? reader.readLine() : pushedBack.pop();
        if (line != null) {
            number++;
        }
        return line;
    }

    /** The number of the line {@link #next} returned last, from 1. */
    long number() {
        return number;
    }

    /** Gives {@code lines}, which {@link #next} returned last, back to be read again. */
    void pushBack(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            pushedBack.push(lines.get(i));
            number--;
        }
    }

    static boolean hasInvalidUtf8(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\uFFFD') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
