package io.devreg.cli;

import io.devreg.json.NewDeviceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * The records of a CSV file with the header {@code type,mac,serial_number,name,version,online}
 * (columns in any order; an empty field is a missing value; {@code online} is true, false or empty).
 *
 * <p>commons-csv parses each record (RFC 4180 quoting), but a parser stops for good at the first
 * broken quote, and an unclosed quote would swallow the rest of the file into one field. So the
 * records are cut first: a record is a line, joined with the next ones while it holds an odd number
 * of quote characters (an escaped quote counts two), up to {@link #MAX_RECORD_LINES} lines. A
 * record whose quote is still open there is reported as broken quoting, and reading goes on at the
 * line after its first.
 */
final class CsvRows implements RowSource {

    /** The columns, by the names the header gives them. */
    static final List<String> HEADER = List.of("type", "mac", "serial_number", "name", "version", "online");

    /** The most lines one record spans (a quoted field may hold line breaks). */
    static final int MAX_RECORD_LINES = 10;

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private final PhysicalLines lines;
    /** For each column of {@link #HEADER}, its position in the file's records. */
    private final int[] positions;

    private CsvRows(PhysicalLines lines, int[] positions) {
        this.lines = lines;
        this.positions = positions;
    }

    /**
     * Reads the header.
     *
     * @throws UnreadableFileException if the file is empty or its header is not devreg's
     */
    static CsvRows open(PhysicalLines lines) throws IOException {
        String header = lines.next();
        List<String> names;
        try {
            names = header == null ? List.of() : parse(header).map(CsvRows::names).orElse(List.of());
        } catch (UncheckedIOException broken) {
            names = List.of();
        }
        int[] positions = new int[HEADER.size()];
        for (int column = 0; column < HEADER.size(); column++) {
            positions[column] = names.indexOf(HEADER.get(column));
        }
        if (names.size() != HEADER.size() || Arrays.stream(positions).anyMatch(p -> p < 0)) {
            throw new UnreadableFileException("The first line must be the header " + String.join(",", HEADER)
                    + (header == null ? ", the file is empty" : ", not " + header));
        }
        return new CsvRows(lines, positions);
    }

    @Override
    public @Nullable ImportRow next() throws IOException {
        String first;
        do {
            first = lines.next();
            if (first == null) {
                return null;
            }
        } while (first.isBlank());
        long start = lines.number();
        StringBuilder text = new StringBuilder(first);
        List<String> more = new ArrayList<>();
        while (quoteOpen(text) && more.size() < MAX_RECORD_LINES - 1) {
            String line = lines.next();
            if (line == null) {
                break;
            }
            more.add(line);
            text.append("\r\n").append(line);
        }
        if (quoteOpen(text)) {
            lines.pushBack(more);
            return ImportRow.Invalid.malformed(start, "broken quoting: a quoted field is not closed");
        }
        if (PhysicalLines.hasInvalidUtf8(text)) {
            return ImportRow.Invalid.malformed(start, "invalid UTF-8");
        }
        CSVRecord record;
        try {
            record = parse(text.toString()).orElse(null);
        } catch (UncheckedIOException broken) {
            return ImportRow.Invalid.malformed(start, "broken quoting: " + broken.getCause().getMessage());
        }
        if (record == null || record.size() != HEADER.size()) {
            return ImportRow.Invalid.malformed(start, "wrong column count: " + (record == null ? 0 : record.size())
                    + ", expected " + HEADER.size());
        }
        return row(start, record);
    }

    private ImportRow row(long line, CSVRecord record) {
        String online = record.get(positions[5]).trim();
        Boolean isOnline = switch (online.toLowerCase(Locale.ROOT)) {
            case "", "false" -> false;
            case "true" -> true;
            default -> null;
        };
        NewDeviceJson fields = new NewDeviceJson(value(record, 0), value(record, 1), value(record, 2),
                value(record, 3), value(record, 4), isOnline);
        return ImportRow.of(line, fields, isOnline == null ? Map.of("online", List.of("must be true or false"))
                : Map.of());
    }

    /** A field's value; an empty field is a missing value, as an absent JSON property is. */
    private @Nullable String value(CSVRecord record, int column) {
        String value = record.get(positions[column]);
        return value.isEmpty() ? null : value;
    }

    /**
     * The one record of {@code text}, if it holds one.
     *
     * @throws UncheckedIOException if its quoting is broken
     */
    private static Optional<CSVRecord> parse(String text) {
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            return records.size() == 1 ? Optional.of(records.get(0)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(CSVRecord header) {
        return header.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static boolean quoteOpen(CharSequence text) {
        boolean open = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                open = !open;
            }
        }
        return open;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
