package io.devreg.benchmarks.jdbc;

import io.devreg.DeviceStatus;
import io.devreg.storage.jdbc.Dialect;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A database directory (H2's file, or a PostgreSQL data directory) already holding a large
 * population, kept under {@code java.io.tmpdir/devreg-benchmark-fixtures/} and copied into each fork:
 * loading a million devices takes minutes on a busy machine, copying them seconds. Its name carries
 * a hash of devreg's schema script, so a schema change builds a new template instead of reusing a stale one.
 */
final class FixtureTemplate {

    /** Populations from this size on come from a template. */
    static final int MINIMUM_DEVICES = 100_000;

    /** Builds a template's content: a database in the directory, holding the devices. */
    @FunctionalInterface
    interface Builder {
        void build(boolean postgres, Path directory, int count, DeviceStatus status);
    }

    private final boolean postgres;
    private final int count;
    private final DeviceStatus status;
    private final Path directory;

    FixtureTemplate(boolean postgres, int count, DeviceStatus status) {
        this.postgres = postgres;
        this.count = count;
        this.status = status;
        String schema = JdbcDeviceStore.schemaScript(postgres ? Dialect.POSTGRESQL : Dialect.H2, "devreg_");
        this.directory = Path.of(System.getProperty("java.io.tmpdir"), "devreg-benchmark-fixtures",
                String.format(Locale.ROOT, "%s-%d-%s-%08x", postgres ? "postgres" : "h2", count,
                        status.name().toLowerCase(Locale.ROOT), schema.hashCode()));
    }

    /** Whether the population is large enough to come from a template. */
    boolean useful() {
        return count >= MINIMUM_DEVICES;
    }

    /** Copies the template into the empty directory {@code target}, building it first if there is none. */
    void copyTo(Path target, Builder builder) {
        try {
            if (!Files.isDirectory(directory)) {
                Path building = Files.createTempDirectory(Files.createDirectories(directory.getParent()), "building-");
                builder.build(postgres, building, count, status);
                Files.move(building, directory, StandardCopyOption.ATOMIC_MOVE);
            }
            copyTree(directory, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the fixture " + directory, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code directory} and everything in it. */
    static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
