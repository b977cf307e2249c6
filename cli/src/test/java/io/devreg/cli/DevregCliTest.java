package io.devreg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI run in this process, each command opening the embedded store in a temporary directory. */
class DevregCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void a_device_registered_by_one_command_is_read_back_by_the_next() throws Exception {
        Run registered = devreg("register", "--type", "mediaagent", "--mac", "AA-BB-CC-DD-EE-FF",
                "--serial-number", "sn", "--firmware-version", "1.1.1.1", "--online");

        Run read = devreg("get", "--id", "1");

        assertThat(registered.exit()).isZero();
        assertThat(registered.err()).isEmpty();
        assertThat(read.exit()).isZero();
        assertThat(read.json()).isEqualTo(registered.json());
        assertThat(read.json().get("mac").asText()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(read.json().get("status").asText()).isEqualTo("initialization");
        assertThat(read.json().get("name").isNull()).isTrue();
        assertThat(read.json().get("is_online").asBoolean()).isTrue();
    }

    @Test
    void each_lifecycle_command_moves_the_device_as_the_transition_table_says() throws Exception {
        devreg("register", "--type", "mediaagent", "--serial-number", "sn");
        String[] device = {"--type", "mediaagent", "--serial-number", "sn"};

        List<String> statuses = new ArrayList<>();
        for (String command : List.of("mark-available", "reserve", "release", "activate", "deactivate",
                "complete-deactivation")) {
            Run run = devreg(concat(command, device));
            assertThat(run.exit()).as(command).isZero();
            statuses.add(run.json().get("status").asText());
        }

        assertThat(statuses).containsExactly("available", "reserve", "available", "active", "deactivation",
                "available");
    }

    @Test
    void a_refused_operation_exits_3_with_the_message_and_code_on_stderr() throws Exception {
        devreg("register", "--type", "mediaagent", "--mac", "fake_mac_5");

        Run run = devreg("reserve", "--type", "mediaagent", "--mac", "fake_mac_5");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        JsonNode error = JSON.readTree(run.err());
        assertThat(error.get("code").asInt()).isEqualTo(33622);
        assertThat(error.get("message").asText()).contains("initialization");
    }

    @Test
    void a_reserved_device_is_activated_only_with_skip_reserve_check() throws Exception {
        devreg("register", "--type", "mediaagent", "--mac", "fake_mac_5");
        devreg("mark-available", "--id", "1");
        devreg("reserve", "--id", "1");

        Run plain = devreg("activate", "--id", "1");
        Run skipping = devreg("activate", "--id", "1", "--skip-reserve-check");

        assertThat(plain.exit()).isEqualTo(3);
        assertThat(JSON.readTree(plain.err()).get("code").asInt()).isEqualTo(33599);
        assertThat(skipping.exit()).isZero();
        assertThat(skipping.json().get("status").asText()).isEqualTo("active");
    }

    @Test
    void an_unknown_device_exits_3_with_33600() throws Exception {
        Run run = devreg("get", "--uuid", "7a593d26-8cfd-47e9-8647-1fb18a36fedb");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(JSON.readTree(run.err()).get("code").asInt()).isEqualTo(33600);
    }

    @Test
    void invalid_input_exits_4_with_every_field_error_on_stderr() throws Exception {
        Run run = devreg("register", "--type", " ", "--name", "x".repeat(256));

        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        JsonNode error = JSON.readTree(run.err());
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("errors").get("type").get(0).asText()).isEqualTo("must not be blank");
        assertThat(error.get("errors").get("name").get(0).asText()).isEqualTo("must be at most 255 characters");
        assertThat(storedFiles()).as("the store was not even opened").isEmpty();
    }

    @Test
    void an_invalid_reference_or_query_never_opens_the_store() throws Exception {
        Run blankType = devreg("reserve", "--type", " ", "--mac", "m");
        Run badLimit = devreg("list", "--limit", "0");
        Run badCursor = devreg("list", "--after", "not-a-cursor");

        assertThat(List.of(blankType.exit(), badLimit.exit(), badCursor.exit())).containsOnly(4);
        assertThat(JSON.readTree(badLimit.err()).get("errors").has("limit")).isTrue();
        assertThat(JSON.readTree(badCursor.err()).get("errors").has("after")).isTrue();
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void every_command_has_help_and_version() {
        for (String command : List.of("register", "reserve", "list", "events", "demo")) {
            Run help = devregWithout(command, "--help");
            Run version = devregWithout(command, "--version");

            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: devreg " + command);
            assertThat(version.exit()).as(command).isZero();
            assertThat(version.out()).as(command).startsWith("devreg ");
        }
    }

    @Test
    void a_command_line_mistake_exits_2_with_a_json_message() throws Exception {
        Run unknownOption = devreg("get", "--colour", "red");
        Run twoNames = devreg("get", "--id", "1", "--type", "mediaagent", "--mac", "m");
        Run badStatus = devreg("list", "--status", "reserved");

        for (Run run : List.of(unknownOption, twoNames, badStatus)) {
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(JSON.readTree(run.err()).get("message").asText()).contains("devreg");
        }
        assertThat(JSON.readTree(badStatus.err()).get("message").asText()).contains("reserve, active");
    }

    @Test
    void a_store_that_cannot_be_reached_exits_5_with_a_message() throws Exception {
        Run run = devregWithout("get", "--id", "1", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/billing");

        assertThat(run.exit()).isEqualTo(5);
        assertThat(JSON.readTree(run.err()).get("message").asText()).contains("127.0.0.1:1");
    }

    @Test
    void a_jdbc_url_opens_that_database_instead_of_the_embedded_store() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("shared").resolve("billing");

        Run registered = devregWithout("register", "--type", "mediaagent", "--mac", "m1", "--jdbc-url", url);
        Run read = devregWithout("get", "--type", "mediaagent", "--mac", "m1", "--jdbc-url", url);

        assertThat(registered.exit()).isZero();
        assertThat(read.json()).isEqualTo(registered.json());
        assertThat(data.resolve("shared").resolve("billing.mv.db")).exists();
    }

    @Test
    void list_walks_pages_with_the_cursor_and_filters_by_status() throws Exception {
        for (String serial : List.of("a", "b", "c")) {
            devreg("register", "--type", "mediaagent", "--serial-number", serial);
        }
        devreg("mark-available", "--type", "mediaagent", "--serial-number", "b");

        Run first = devreg("list", "--limit", "2");
        Run last = devreg("list", "--limit", "2", "--after", first.json().get("next_cursor").asText());
        Run available = devreg("list", "--status", "available");

        assertThat(serials(first)).containsExactly("a", "b");
        assertThat(serials(last)).containsExactly("c");
        assertThat(last.json().get("next_cursor").isNull()).isTrue();
        assertThat(serials(available)).containsExactly("b");
    }

    @Test
    void history_and_events_show_each_change_once_in_order() throws Exception {
        devreg("register", "--type", "mediaagent", "--mac", "m1");
        devreg("register", "--type", "mediaagent", "--mac", "m2");
        devreg("mark-available", "--type", "mediaagent", "--mac", "m1");

        Run history = devreg("history", "--type", "mediaagent", "--mac", "m1");
        Run feed = devreg("events", "--after", "1", "--limit", "5");

        assertThat(history.json()).extracting(event -> event.get("operation").asText())
                .containsExactly("register", "mark_available");
        assertThat(history.json().get(1).get("from").asText()).isEqualTo("initialization");
        assertThat(feed.json()).extracting(event -> event.get("sequence").asLong()).containsExactly(2L, 3L);
    }

    @Test
    void demo_walks_the_lifecycle_through_the_five_seed_codes_a_validation_error_and_a_hold() throws Exception {
        Path demoData = data.resolve("demo");

        Run run = devregWithout("demo", "--data", demoData.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        for (int code : new int[] {33622, 33599, 33603, 33610, 33600}) {
            assertThat(run.out()).contains("\"code\" : " + code);
        }
        assertThat(run.out()).contains("\"errors\" : {").contains("-> exit 4 (invalid input)")
                .contains("$ devreg reserve --type mediaagent --mac fake_mac_5 --serial-number sn")
                .contains("$ devreg reserve --type mediaagent --mac fake_mac_5 --serial-number sn --holder checkout-42"
                        + " --ttl 900")
                .contains("\"holder\" : \"checkout-42\"").contains("\"expires_at\" : ")
                .contains("== 25. checkout-42 releases its own hold");
        assertThat(devregWithout("get", "--id", "1", "--data", demoData.toString()).json().get("status").asText())
                .as("the demo's registry stays in --data").isEqualTo("available");
    }

    @Test
    void demo_refuses_a_directory_that_already_holds_data() throws Exception {
        devreg("register", "--type", "mediaagent", "--mac", "m1");

        Run run = devregWithout("demo", "--data", data.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(JSON.readTree(run.err()).get("message").asText()).contains("not empty");
    }

    private static List<String> serials(Run list) throws IOException {
        List<String> serials = new ArrayList<>();
        list.json().get("items").forEach(item -> serials.add(item.get("serial_number").asText()));
        return serials;
    }

    private List<Path> storedFiles() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.toList();
        }
    }

    /** Runs a command on the embedded store in {@link #data}. */
    private Run devreg(String... args) {
        return devregWithout(concat(args, "--data", data.toString()));
    }

    /** Runs a command exactly as given. */
    private static Run devregWithout(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DevregCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] concat(String first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
    }

    private static String[] concat(String[] first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }
}
