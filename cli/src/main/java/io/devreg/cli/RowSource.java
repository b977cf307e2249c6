package io.devreg.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The records of an import file, read one at a time: the file is never in memory as a whole. */
interface RowSource extends Closeable {

    /** The next record, or null at the end of the file. Blank lines are no records. */
    @Nullable ImportRow next() throws IOException;

    /** The formats {@code devreg import} reads. */
    enum Format {
        /** A header line, then one device per record (RFC 4180). */
        CSV,
        /** One JSON object per line, in the billing API's request shape. */
        NDJSON;

        /** The format a file's name says: .csv, or .ndjson, .jsonl or .json. */
        static @Nullable Format of(Path file) {
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json")) {
                return NDJSON;
            }
            return null;
        }
    }

    /**
     * The records of {@code file}.
     *
     * @throws UnreadableFileException if it cannot be opened or its CSV header is not devreg's
     */
    static RowSource open(Path file, Format format) throws IOException {
        PhysicalLines lines = PhysicalLines.open(file);
        try {
            return format == Format.CSV ? CsvRows.open(lines) : new NdjsonRows(lines);
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e;
        }
    }
}
