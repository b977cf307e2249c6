package io.devreg.cli;

import static io.devreg.cli.ImportFiles.HEADER;
import static io.devreg.cli.ImportFiles.inStore;
import static io.devreg.cli.ImportFiles.report;
import static io.devreg.cli.ImportFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.cli.Cli.Run;
import io.devreg.cli.ImportFiles.ReportRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code devreg import} on small files, one option or one kind of bad line at a time. */
class ImportCommandTest {

    @TempDir
    Path data;

    @TempDir
    Path files;

    private Cli cli;

    private Cli cli() {
        if (cli == null) {
            cli = new Cli(data);
        }
        return cli;
    }

    @Test
    void a_csv_file_registers_each_row_with_its_quoted_fields_and_exits_0() {
        Path file = write(files.resolve("devices.csv"), HEADER,
                "mediaagent,AA-BB-CC-DD-EE-01,sn-1,\"Rack \"\"A\"\", slot 1\",1.1.1.1,true",
                "mediaagent,,sn-2,,,FALSE",
                "camera,fake_mac_5,,,,");

        Run run = cli().run("import", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("imported devices.csv: 3 rows, 3 created, 0 updated, 0 unchanged, 0 failed");
        Device first = device("mediaagent", "aa:bb:cc:dd:ee:01", null);
        assertThat(first.serialNumber()).isEqualTo("sn-1");
        assertThat(first.name()).isEqualTo("Rack \"A\", slot 1");
        assertThat(first.version()).isEqualTo("1.1.1.1");
        assertThat(first.online()).isTrue();
        assertThat(first.status()).isEqualTo(DeviceStatus.INITIALIZING);
        Device second = device("mediaagent", null, "sn-2");
        assertThat(second.mac()).isNull();
        assertThat(second.online()).isFalse();
        assertThat(device("camera", "fake_mac_5", null).name()).isNull();
    }

    @Test
    void a_quoted_field_may_span_lines_and_its_row_is_reported_by_its_first_line() {
        Path file = write(files.resolve("devices.csv"), HEADER,
                "mediaagent,,sn-1,,,",
                "mediaagent,,sn-2,\"two",
                "lines\",,false",
                "camera,fake_mac_5,,,,");
        Path report = files.resolve("failed.csv");

        Run run = cli().run("import", file.toString(), "--report", report.toString());

        // A line break is a control character, which no field may hold; the next record is line 5.
        assertThat(run.exit()).isEqualTo(2);
        assertThat(report(report)).extracting(ReportRow::line, ReportRow::errors)
                .containsExactly(tuple(3L, "name: must not contain control characters"));
        assertThat(run.out()).contains("3 rows, 2 created, 0 updated, 0 unchanged, 1 failed");
        assertThat(device("camera", "fake_mac_5", null).serialNumber()).isNull();
    }

    @Test
    void an_ndjson_file_registers_each_object_in_the_billing_apis_shape() {
        Path file = write(files.resolve("devices.ndjson"),
                "{\"type\": \"mediaagent\", \"mac\": \"fake_mac_5\", \"serial_number\": \"sn\", \"version\": \"1.1.1.1\","
                        + " \"is_online\": true, \"unknown\": 1}",
                "",
                "{\"type\": \"mediaagent\", \"serial_number\": \"sn-2\", \"name\": \"second\"}");

        Run run = cli().run("import", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("2 rows, 2 created");
        Device first = device("mediaagent", "fake_mac_5", "sn");
        assertThat(first.online()).isTrue();
        assertThat(first.version()).isEqualTo("1.1.1.1");
        assertThat(device("mediaagent", null, "sn-2").name()).isEqualTo("second");
    }

    @Test
    void invalid_rows_fail_alone_with_every_field_error_in_the_report_and_exit_2() {
        Path file = write(files.resolve("devices.csv"), HEADER,
                " ,mac-1,sn-1,,,maybe",
                "mediaagent,mac-2,sn-2,,,true",
                "mediaagent,," + "s".repeat(129) + ",,,");
        Path report = files.resolve("failed.csv");

        Run run = cli().run("import", file.toString(), "--report", report.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("3 rows, 1 created, 0 updated, 0 unchanged, 2 failed");
        assertThat(report(report)).containsExactly(
                new ReportRow(2, "invalid", "", "Invalid input: type must not be blank; online must be true or false",
                        "type: must not be blank; online: must be true or false"),
                new ReportRow(4, "invalid", "", "Invalid input: serial_number must be at most 128 characters",
                        "serial_number: must be at most 128 characters"));
        assertThat(inStore(data, ImportFiles::devices)).extracting(Device::mac).containsExactly("mac-2");
    }

    @Test
    void malformed_csv_lines_are_reported_by_line_number_and_the_lines_after_them_imported() {
        byte[] invalidUtf8 = {'m', 'e', 'd', 'i', 'a', ',', 'm', (byte) 0xC3, (byte) 0x28, ',', ',', ',', ',', '\n'};
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes((HEADER + "\n"
                + "media,mac-1,sn-1,,\n" // 2: five columns
                + "media,mac-2,sn-2,\"never closed,,\n" // 3: the quote swallows no more than MAX_RECORD_LINES
                + "media,mac-3,sn-3,,,\n" // 4
                + "media,mac-4,sn-4,\"closed\"trailing,,\n" // 5: text after a closing quote
                + "media,mac-5,sn-5,,,,\n" // 6: seven columns
                ).getBytes(StandardCharsets.UTF_8));
        content.writeBytes(invalidUtf8); // 7
        content.writeBytes("media,mac-8,sn-8,,,true\n".getBytes(StandardCharsets.UTF_8)); // 8
        Path file = write(files.resolve("devices.csv"), content.toByteArray());
        Path report = files.resolve("failed.csv");

        Run run = cli().run("import", file.toString(), "--report", report.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(report(report)).extracting(ReportRow::line, ReportRow::problem, ReportRow::message)
                .containsExactly(
                        tuple(2L, "malformed", "wrong column count: 5, expected 6"),
                        tuple(3L, "malformed", "broken quoting: a quoted field is not closed"),
                        tuple(5L, "malformed", report(report).get(2).message()),
                        tuple(6L, "malformed", "wrong column count: 7, expected 6"),
                        tuple(7L, "malformed", "invalid UTF-8"));
        assertThat(report(report).get(2).message()).startsWith("broken quoting: ");
        assertThat(inStore(data, ImportFiles::devices)).extracting(Device::mac).containsExactly("mac-3", "mac-8");
        assertThat(run.out()).contains("7 rows, 2 created, 0 updated, 0 unchanged, 5 failed");
    }

    @Test
    void malformed_ndjson_lines_are_reported_and_a_field_of_the_wrong_json_type_is_that_fields_error() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(("{\"type\": \"media\", \"mac\": \"mac-1\"\n" // 1: not JSON
                + "[\"media\", \"mac-2\"]\n" // 2: not an object
                + "{\"type\": \"media\", \"mac\": [\"a\"], \"name\": 7, \"is_online\": \"yes\"}\n" // 3
                + "{\"type\": \"media\", \"mac\": \"mac-4\"}\n" // 4
                ).getBytes(StandardCharsets.UTF_8));
        content.writeBytes(new byte[] {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'}); // 5
        Path file = write(files.resolve("devices.jsonl"), content.toByteArray());
        Path report = files.resolve("failed.csv");

        Run run = cli().run("import", file.toString(), "--report", report.toString());

        assertThat(run.exit()).isEqualTo(2);
        List<ReportRow> rows = report(report);
        assertThat(rows).extracting(ReportRow::line).containsExactly(1L, 2L, 3L, 5L);
        assertThat(rows.get(0).message()).startsWith("not JSON: ");
        assertThat(rows.get(1).message()).isEqualTo("not a JSON object");
        assertThat(rows.get(2).problem()).isEqualTo("invalid");
        // name 7 becomes "7", as Jackson reads a number into a string field over HTTP too.
        assertThat(rows.get(2).errors()).isEqualTo("mac: has the wrong JSON type; is_online: has the wrong JSON type");
        assertThat(rows.get(3).message()).isEqualTo("invalid UTF-8");
        assertThat(inStore(data, ImportFiles::devices)).extracting(Device::mac).containsExactly("mac-4");
    }

    @Test
    void under_create_a_device_already_registered_fails_its_row_with_33902() {
        givenRegistered(NewDevice.builder("media").mac("mac-1").name("old").build());
        Path file = write(files.resolve("devices.csv"), HEADER,
                "media,mac-1,,new,,", "media,mac-2,,,,", "media,mac-2,,again,,");
        Path report = files.resolve("failed.csv");

        Run run = cli().run("import", file.toString(), "--mode", "create", "--report", report.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(report(report)).containsExactly(
                new ReportRow(2, "refused", "33902", "Device already registered", ""),
                new ReportRow(4, "refused", "33902", "Device already registered", ""));
        assertThat(device("media", "mac-1", null).name()).isEqualTo("old");
    }

    @Test
    void under_create_or_update_a_registered_device_takes_the_rows_values_and_exit_is_0() {
        givenRegistered(NewDevice.builder("media").mac("mac-1").name("old").build());
        givenRegistered(NewDevice.builder("media").mac("mac-2").name("same").build());
        Path file = write(files.resolve("devices.csv"), HEADER,
                "media,mac-1,,new,2.0,true", "media,mac-2,,same,,false", "media,mac-3,,,,");

        Run run = cli().run("import", file.toString(), "--mode", "create-or-update");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("3 rows, 1 created, 1 updated, 1 unchanged, 0 failed");
        Device updated = device("media", "mac-1", null);
        assertThat(updated.name()).isEqualTo("new");
        assertThat(updated.version()).isEqualTo("2.0");
        assertThat(updated.online()).isTrue();
        assertThat(updated.revision()).isEqualTo(2);
    }

    @Test
    void a_dry_run_predicts_the_imports_counts_and_report_and_leaves_the_store_untouched() {
        givenRegistered(NewDevice.builder("media").mac("mac-1").name("old").build());
        Path file = write(files.resolve("devices.csv"), HEADER,
                "media,mac-1,,new,,", // updated
                "media,mac-2,sn-2,,,", // created
                "media,mac-2,sn-2,,,", // unchanged: named by the row before
                "media,mac-2,sn-x,,,", // failed: mac-2 is taken by another identity
                "media,mac-9,sn-2,,,", // failed: sn-2 is taken
                ",mac-3,,,,", // invalid
                "media,mac-4,,,"); // malformed
        Path dryReport = files.resolve("dry.csv");
        Path realReport = files.resolve("real.csv");
        int devicesBefore = inStore(data, ImportFiles::devices).size();
        long eventsBefore = eventCount();

        Run dry = cli().run("import", file.toString(), "--mode", "create-or-update", "--dry-run",
                "--report", dryReport.toString());

        assertThat(dry.exit()).isEqualTo(2);
        assertThat(dry.out()).contains("dry run of devices.csv: 7 rows, 1 created, 1 updated, 1 unchanged, 4 failed"
                + " (would be; nothing was written)");
        assertThat(inStore(data, ImportFiles::devices)).hasSize(devicesBefore);
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(device("media", "mac-1", null).name()).isEqualTo("old");

        Run real = cli().run("import", file.toString(), "--mode", "create-or-update", "--report", realReport.toString());

        assertThat(real.out()).contains("imported devices.csv: 7 rows, 1 created, 1 updated, 1 unchanged, 4 failed");
        assertThat(report(dryReport)).isEqualTo(report(realReport));
        assertThat(report(realReport)).extracting(ReportRow::line).containsExactly(5L, 6L, 7L, 8L);
    }

    @Test
    void a_dry_run_under_create_finds_duplicates_in_the_store_and_in_the_file() {
        givenRegistered(NewDevice.builder("media").serialNumber("sn-1").build());
        Path file = write(files.resolve("devices.csv"), HEADER,
                "media,,sn-1,,,", "media,mac-2,,,,", "media,mac-2,sn-3,,,", "media,,sn-4,,,");
        Path report = files.resolve("failed.csv");
        long eventsBefore = eventCount();

        Run run = cli().run("import", file.toString(), "--dry-run", "--report", report.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("4 rows, 2 created, 0 updated, 0 unchanged, 2 failed");
        assertThat(report(report)).extracting(ReportRow::line, ReportRow::code).containsExactly(
                tuple(2L, "33902"), tuple(4L, "33902"));
        assertThat(inStore(data, ImportFiles::devices)).hasSize(1);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void progress_is_printed_as_plain_lines_when_stdout_is_not_a_terminal() {
        Path file = write(files.resolve("devices.csv"), HEADER, "media,mac-1,,,,", "media,mac-2,,,,");

        Run run = cli().run("import", file.toString());

        assertThat(run.out()).containsPattern("import: 2/2 rows \\(100%\\), \\d+ rows/s, about 0 s left");
        assertThat(run.out().lines().filter(line -> line.startsWith("import: 2/2"))).hasSize(1);
    }

    @Test
    void a_file_that_cannot_be_read_exits_1_and_opens_no_store() {
        Run missing = cli().run("import", files.resolve("missing.csv").toString());
        Path wrongHeader = write(files.resolve("devices.csv"), "type,mac,serial", "media,mac-1,sn-1");
        Run header = cli().run("import", wrongHeader.toString());

        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.error().get("message").asText()).contains("missing.csv");
        assertThat(header.exit()).isEqualTo(1);
        assertThat(header.error().get("message").asText())
                .isEqualTo("The first line must be the header " + HEADER + ", not type,mac,serial");
        assertThat(cli().storedFiles()).isEmpty();
    }

    @Test
    void a_file_name_without_a_known_extension_needs_format() {
        Path file = write(files.resolve("devices.txt"), "{\"type\": \"media\", \"mac\": \"mac-1\"}");

        Run unknown = cli().run("import", file.toString());
        Run given = cli().run("import", file.toString(), "--format", "ndjson");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.error().get("message").asText()).contains("--format");
        assertThat(given.exit()).isZero();
        assertThat(inStore(data, ImportFiles::devices)).extracting(Device::mac).containsExactly("mac-1");
    }

    @Test
    void an_unknown_mode_is_a_usage_error() {
        Path file = write(files.resolve("devices.csv"), HEADER, "media,mac-1,,,,");

        Run run = cli().run("import", file.toString(), "--mode", "upsert");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.error().get("message").asText()).contains("--mode");
        assertThat(cli().storedFiles()).isEmpty();
    }

    private Device device(String type, String mac, String serialNumber) {
        return inStore(data, registry -> registry.get(DeviceRef.identity(type, mac, serialNumber)));
    }

    private long eventCount() {
        Long count = inStore(data, ImportFiles::eventCount);
        return count;
    }

    private void givenRegistered(NewDevice device) {
        cli().given(Clock.systemUTC(), registry -> registry.register(device));
    }
}
