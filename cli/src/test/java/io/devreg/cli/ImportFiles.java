package io.devreg.cli;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRegistry;
import io.devreg.Page;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Files to import, their reports, and what the embedded store holds after an import. */
final class ImportFiles {

    static final String HEADER = "type,mac,serial_number,name,version,online";

    private ImportFiles() {
    }

    /** Writes {@code lines} (each ended by a line feed) as UTF-8. */
    static Path write(Path file, String... lines) {
        return write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One failed row of a report.
     *
     * @param line    the line it starts on
     * @param problem malformed, invalid or refused
     * @param code    the refusal's code, or empty
     * @param message why
     * @param errors  the field errors, {@code field: reason; ...}
     */
    record ReportRow(long line, String problem, String code, String message, String errors) {
    }

    /** A report's rows, read with its header checked. */
    static List<ReportRow> report(Path file) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<ReportRow> rows = new ArrayList<>();
            var parser = format.parse(reader);
            if (!parser.getHeaderNames().equals(List.of("line", "problem", "code", "message", "errors"))) {
                throw new AssertionError("Report header: " + parser.getHeaderNames());
            }
            for (CSVRecord record : parser) {
                rows.add(new ReportRow(Long.parseLong(record.get("line")), record.get("problem"), record.get("code"),
                        record.get("message"), record.get("errors")));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a registry on the embedded store in {@code data} answers; the store is closed after. */
    static <T> T inStore(Path data, Function<DeviceRegistry, T> read) {
        try (JdbcDeviceStore store = JdbcDeviceStore.embedded(data)) {
            return read.apply(DeviceRegistry.builder().store(store).build());
        }
    }

    /** Every device, in id order. */
    static List<Device> devices(DeviceRegistry registry) {
        List<Device> devices = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Device> page = registry.list(DeviceQuery.builder().limit(1000).after(cursor.orElse(null)).build());
            devices.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return devices;
    }

    /** The number of events in the change feed. */
    static long eventCount(DeviceRegistry registry) {
        long count = 0;
        long after = 0;
        for (List<DeviceEvent> window = registry.events(after, 1000); !window.isEmpty();
                window = registry.events(after, 1000)) {
            count += window.size();
            after = window.get(window.size() - 1).sequence();
        }
        return count;
    }
}
