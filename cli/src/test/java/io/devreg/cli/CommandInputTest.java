package io.devreg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devreg.cli.Cli.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The version 2 options' input errors: a bad value exits 4 with its field's error before the store
 * is opened (the data directory stays empty); an option value of the wrong kind exits 2.
 */
class CommandInputTest {

    private static final String INSTANTS = "--from=2026-01-01T00:00:00Z --to=2026-02-01T00:00:00Z";

    @TempDir
    Path data;

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                invalid("holder", "reserve --id 1 --holder= --ttl 60"),
                invalid("holder", "reserve --id 1 --holder " + "h".repeat(129)),
                invalid("holder", "reserve --id 1 --holder a\u0007b"),
                invalid("holder", "reserve --id 1 --ttl 60"),
                invalid("ttl", "reserve --id 1 --holder h --ttl 0"),
                invalid("ttl", "reserve --id 1 --holder h --ttl -1"),
                invalid("ttl", "reserve --id 1 --holder h --ttl 86401"),
                invalid("holder", "extend --id 1 --ttl 60"),
                invalid("holder", "release --id 1 --holder=\t"),
                invalid("reason", "force-release --id 1 --reason " + "r".repeat(1001)),
                invalid("account", "activate --id 1 --account " + "a".repeat(129)),
                invalid("account", "activate --id 1 --account acct\n1"),
                invalid("holder", "activate --id 1 --holder " + "h".repeat(129)),
                invalid("account", "usage --account " + "a".repeat(129) + " " + INSTANTS),
                invalid("account", "usage --account a\u001bb " + INSTANTS),
                invalid("actor", "mark-available --id 1 --actor " + "a".repeat(129)),
                invalid("reason", "deactivate --id 1 --reason r\u0000"),
                invalid("idempotency_key", "register --type t --mac m --idempotency-key="),
                invalid("idempotency_key", "reserve --id 1 --idempotency-key " + "k".repeat(256)),
                invalid("idempotency_key", "reserve --id 1 --idempotency-key cl\u00e9"),
                invalid("idempotency_key", "complete-deactivation --id 1 --idempotency-key a\u0001b"),
                invalid("limit", "expire-holds --limit 0"),
                invalid("limit", "events --limit 0"),
                invalid("after_sequence", "events --after -1"),
                invalid("actor", "expire-holds --actor " + "a".repeat(129)));
    }

    private static Arguments invalid(String field, String commandLine) {
        return Arguments.of(field, List.of(commandLine.split(" ")));
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("invalidValues")
    void a_bad_value_exits_4_with_that_fields_error_and_never_opens_the_store(String field, List<String> args) {
        Run run = new Cli(data).run(args.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        JsonNode errors = run.error().get("errors");
        assertThat(errors.has(field)).as(errors.toString()).isTrue();
        assertThat(new Cli(data).storedFiles()).as("the store was not even opened").isEmpty();
    }

    @Test
    void the_errors_of_the_device_and_of_the_request_context_come_at_once() {
        Run run = new Cli(data).run("reserve", "--type", " ", "--idempotency-key=", "--actor", "a".repeat(129));

        assertThat(run.exit()).isEqualTo(4);
        List<String> fields = new ArrayList<>();
        run.error().get("errors").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("type", "mac", "serial_number", "idempotency_key", "actor");
    }

    static Stream<Arguments> badOptionValues() {
        return Stream.of(
                Arguments.of(List.of("reserve", "--id", "1", "--holder", "h", "--ttl", "fifteen"), "--ttl"),
                Arguments.of(List.of("extend", "--id", "1", "--holder", "h", "--ttl", "99999999999999999999"), "--ttl"),
                Arguments.of(List.of("usage", "--account", "a", "--from", "yesterday", "--to", "2026-01-01T00:00:00Z"),
                        "--from"),
                Arguments.of(List.of("usage", "--account", "a", "--from", "2026-01-01T00:00:00Z"), "--to"),
                Arguments.of(List.of("expire-holds", "--limit", "all"), "--limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptionValues")
    void an_option_value_of_the_wrong_kind_or_a_missing_period_end_is_a_usage_error(List<String> args, String option) {
        Run run = new Cli(data).run(args.toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.error().get("message").asText()).contains(option);
        assertThat(new Cli(data).storedFiles()).isEmpty();
    }
}
