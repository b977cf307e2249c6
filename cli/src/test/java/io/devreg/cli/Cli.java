package io.devreg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devreg.DeviceRegistry;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs {@code devreg} commands in this process on the embedded store in one directory, as a shell
 * would, and prepares that store's state through a registry of the test's own.
 */
final class Cli {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;

    Cli(Path data) {
        this.data = data;
    }

    /** Runs a command on the embedded store in this directory. */
    Run run(String... args) {
        return exactly(Stream.concat(Stream.of(args), Stream.of("--data", data.toString())).toArray(String[]::new));
    }

    /** Runs a command exactly as given. */
    static Run exactly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DevregCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * Runs {@code given} on a registry over the same store with {@code clock} (for holds and
     * activations in the past), then closes the store so that the next command can open it.
     */
    void given(Clock clock, Consumer<DeviceRegistry> given) {
        try (JdbcDeviceStore store = JdbcDeviceStore.embedded(data)) {
            given.accept(DeviceRegistry.builder().store(store).clock(clock).build());
        }
    }

    /** What the directory holds: nothing as long as no command opened the store. */
    List<Path> storedFiles() {
        try (Stream<Path> files = Files.list(data)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command's exit status and what it printed. */
    record Run(int exit, String out, String err) {

        /** stdout as JSON. */
        JsonNode json() {
            return read(out);
        }

        /** stderr as JSON. */
        JsonNode error() {
            return read(err);
        }

        /** The code of a refusal on stderr. */
        int code() {
            return error().get("code").asInt();
        }

        private static JsonNode read(String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + text, e);
            }
        }
    }
}
