package io.devreg.cli;

import io.devreg.ImportMode;
import io.devreg.spi.StorageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code devreg import FILE}: registers the devices of a CSV or NDJSON file, a chunk at a time,
 * with a result per row. Its exit status differs from the other commands': a file with failed rows
 * is an expected outcome that a script checks, not a refusal of the whole command.
 */
@Command(name = "import", description = {"Register the devices of a file: CSV with the header",
        "type,mac,serial_number,name,version,online, or NDJSON in the billing API's shape",
        "(type, mac, serial_number, name, version, is_online). Prints progress and a summary.",
        "Exit status: 0 every row succeeded, 2 some rows failed (see --report),",
        "1 the file cannot be read, 5 the store failed."})
final class ImportCommand implements Callable<Integer> {

    /** Exit status: some rows failed; the others were imported. */
    static final int SOME_ROWS_FAILED = 2;
    /** Exit status: the file (or the report) could not be read (or written); nothing was imported. */
    static final int UNREADABLE = 1;

    private final Function<StoreOptions, OpenedRegistry> opener;
    private final boolean terminal;

    @Spec
    @Nullable CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Parameters(paramLabel = "FILE", description = "The file: .csv, or .ndjson / .jsonl / .json (else --format).")
    @Nullable Path file;

    @Option(names = "--format", paramLabel = "csv|ndjson", converter = FormatName.class,
            description = "The file's format (default: by its name).")
    RowSource.@Nullable Format format;

    @Option(names = "--mode", paramLabel = "create|create-or-update", defaultValue = "create",
            converter = ModeName.class, description = {"create (default): a device already registered fails its row;",
                    "create-or-update: it gets the row's name, version and online flag."})
    ImportMode mode = ImportMode.CREATE;

    @Option(names = "--dry-run", description = "Validate every row and look for duplicates (in the store and"
            + " the file), write nothing.")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write every failed row here as CSV: line,problem,code,message,errors.")
    @Nullable Path report;

    ImportCommand(Function<StoreOptions, OpenedRegistry> opener, boolean terminal) {
        this.opener = opener;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        CommandLine commandLine = Objects.requireNonNull(spec, "picocli did not inject the command spec").commandLine();
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        Path path = Objects.requireNonNull(file, "picocli requires FILE");
        RowSource.Format chosen = format == null ? RowSource.Format.of(path) : format;
        if (chosen == null) {
            return JsonOutput.printError("Cannot tell the format of " + path + " by its name: give --format csv or"
                    + " --format ndjson", ExitStatus.USAGE, err);
        }
        try {
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new UnreadableFileException("Cannot read " + path + ": not a readable file");
            }
            long total = Math.max(0, lineCount(path) - (chosen == RowSource.Format.CSV ? 1 : 0));
            DeviceImport.Counts counts;
            try (RowSource rows = RowSource.open(path, chosen);
                    ImportReport failures = ImportReport.to(report);
                    OpenedRegistry opened = opener.apply(store);
                    ImportProgress progress = terminal ? ImportProgress.bar(total)
                            : ImportProgress.lines(out, total, System::nanoTime)) {
                counts = new DeviceImport(opened.registry(), mode, dryRun, failures, progress).run(rows);
            }
            out.println(summary(path, counts));
            out.flush();
            return counts.failed() == 0 ? ExitStatus.OK.code() : SOME_ROWS_FAILED;
        } catch (IOException unreadable) {
            String message = unreadable instanceof UnreadableFileException ? unreadable.getMessage()
                    : "Cannot read " + path + " or write the report: " + unreadable;
            JsonOutput.printError(message, ExitStatus.FAILED, err);
            return UNREADABLE;
        } catch (StorageException failure) {
            return JsonOutput.printError(failure.getMessage(), ExitStatus.STORE_FAILED, err);
        }
    }

    private String summary(Path path, DeviceImport.Counts counts) {
        String line = String.format(Locale.ROOT, "%s %s: %d rows, %d created, %d updated, %d unchanged, %d failed",
                dryRun ? "dry run of" : "imported", path.getFileName(), counts.rows(), counts.created(),
                counts.updated(), counts.unchanged(), counts.failed());
        if (dryRun) {
            line += " (would be; nothing was written)";
        }
        if (report != null) {
            line += System.lineSeparator() + "failed rows: " + report;
        }
        return line;
    }

    /** The number of lines of a file, for the progress's total, counted without decoding it. */
    private static long lineCount(Path path) throws IOException {
        long lines = 0;
        int last = '\n';
        byte[] buffer = new byte[1 << 16];
        try (var in = Files.newInputStream(path)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[read - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }

    /** Reads {@code create} or {@code create-or-update}. */
    static final class ModeName implements ITypeConverter<ImportMode> {
        @Override
        public ImportMode convert(String value) {
            return ImportMode.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Reads {@code csv} or {@code ndjson}. */
    static final class FormatName implements ITypeConverter<RowSource.Format> {
        @Override
        public RowSource.Format convert(String value) {
            return RowSource.Format.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
