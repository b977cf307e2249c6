package io.devreg.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures a reliability test publishes (threads, operations, faults, kills, inputs): printed,
 * and written to {@code target/reliability-figures.txt} (the last run's), where docs/RELIABILITY.md
 * takes them from.
 */
final class Figures {

    private static final Path FILE = Path.of("target", "reliability-figures.txt");

    /** Whether this JVM has written the file yet: the first figures of a run replace the last run's. */
    private static boolean written;

    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String test) {
        this.test = test;
    }

    static Figures of(String test) {
        return new Figures(test);
    }

    Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Prints the figures and appends them to the figures file. */
    void publish() {
        String line = "devreg-figures " + test + (Soak.enabled() ? " [soak]" : "") + ": "
                + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            synchronized (Figures.class) {
                Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        written ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                written = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
