package io.devreg.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * The failed rows of an import, as CSV: {@code line,problem,code,message,errors}. {@code problem}
 * is {@value #MALFORMED} (the line is no record: wrong column count, broken quoting, invalid
 * UTF-8, not JSON), {@value #INVALID} (fields failed validation; {@code errors} lists each as
 * {@code field: reason}, separated by {@code "; "}) or {@value #REFUSED} (the registry refused the
 * row; {@code code} is its error code, e.g. 33902 for a device already registered). Rows come in
 * line order. Without a file, the report only counts.
 */
final class ImportReport implements Closeable {

    static final String MALFORMED = "malformed";
    static final String INVALID = "invalid";
    static final String REFUSED = "refused";

    static final List<String> COLUMNS = List.of("line", "problem", "code", "message", "errors");

    private final @Nullable CSVPrinter printer;
    private long rows;

    private ImportReport(@Nullable CSVPrinter printer) {
        this.printer = printer;
    }

    /**
     * A report written to {@code file} (replaced if it exists), or only counted when it is null.
     *
     * @throws IOException if the file cannot be written
     */
    static ImportReport to(@Nullable Path file) throws IOException {
        if (file == null) {
            return new ImportReport(null);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();
        return new ImportReport(new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), format));
    }

    /** Reports a record that is no device. */
    void add(ImportRow.Invalid row) throws IOException {
        add(row.line(), row.problem(), null, row.message(), row.errors());
    }

    /** Reports a row the registry refused. */
    void refused(long line, io.devreg.ErrorCode code) throws IOException {
        add(line, REFUSED, code.value(), code.message(), Map.of());
    }

    private void add(long line, String problem, @Nullable Integer code, String message,
            Map<String, List<String>> errors) throws IOException {
        rows++;
        if (printer != null) {
            printer.printRecord(line, problem, code == null ? "" : code, message, errors.entrySet().stream()
                    .flatMap(e -> e.getValue().stream().map(reason -> e.getKey() + ": " + reason))
                    .collect(Collectors.joining("; ")));
        }
    }

    /** The rows reported so far. */
    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        if (printer != null) {
            printer.close(true);
        }
    }
}
