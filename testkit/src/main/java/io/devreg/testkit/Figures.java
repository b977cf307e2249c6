package io.devreg.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The figures a reliability test publishes (threads, operations, faults, kills, inputs): printed on
 * a line starting with {@code devreg-figures}, and, when the system property {@code devreg.figures}
 * names a file, written there too (the first figures of a JVM replace the file's content, the rest
 * are appended), so that a report can quote the last run.
 */
public final class Figures {

    /** Whether this JVM has written the file yet: the first figures of a run replace the last run's. */
    private static boolean written;

    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String test) {
        this.test = test;
    }

    /** New figures of {@code test}. */
    public static Figures of(String test) {
        return new Figures(test);
    }

    /** Adds a figure. */
    public Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Prints the figures, and writes them to the figures file, if there is one. */
    public void publish() {
        String line = "devreg-figures " + test + (Soak.enabled() ? " [soak]" : "") + ": "
                + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
        System.out.println(line);
        @Nullable String file = System.getProperty("devreg.figures");
        if (file == null || file.isBlank()) {
            return;
        }
        Path path = Path.of(file);
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            synchronized (Figures.class) {
                Files.writeString(path, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        written ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                written = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
