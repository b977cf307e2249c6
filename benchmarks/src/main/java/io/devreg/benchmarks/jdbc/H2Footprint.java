package io.devreg.benchmarks.jdbc;

import io.devreg.DeviceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The file cost per device of the embedded H2 store:
 * {@code java -cp devreg-benchmarks.jar io.devreg.benchmarks.jdbc.H2Footprint [devices]} (default
 * one million). Fills an embedded database with that many devices and their registration events
 * (the benchmarks' bulk-loaded fixture), closes it as devreg does, and reports the file's bytes per
 * device; then compacts it fully ({@code SHUTDOWN COMPACT}) and reports again: the first is what
 * a bulk load leaves behind, the second what the rows themselves take.
 */
public final class H2Footprint {

    private H2Footprint() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path directory = Files.createTempDirectory("devreg-footprint-h2-");
        try {
            // open(...) copies the fixture (building it on first use); closing it would delete the copy
            FixtureTemplate template = new FixtureTemplate(false, devices, DeviceStatus.AVAILABLE);
            if (template.useful()) {
                template.copyTo(directory, BenchmarkDatabase::buildTemplate);
            } else {
                BenchmarkDatabase.buildTemplate(false, directory, devices, DeviceStatus.AVAILABLE);
            }
            Path file = directory.resolve("devreg.mv.db");
            long closed = Files.size(file);
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:h2:file:" + directory.resolve("devreg"), "devreg", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
            long compacted = Files.size(file);
            System.out.println(String.format(Locale.ROOT,
                    "embedded H2: %,d devices, file %,d bytes (%.0f per device) as closed, %,d bytes (%.0f per device)"
                            + " fully compacted", devices, closed, closed / (double) devices, compacted,
                    compacted / (double) devices));
        } finally {
            FixtureTemplate.delete(directory);
        }
    }
}
