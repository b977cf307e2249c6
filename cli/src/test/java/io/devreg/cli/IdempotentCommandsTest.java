package io.devreg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.cli.Cli.Run;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** --idempotency-key, --actor and --reason on the write commands. */
class IdempotentCommandsTest {

    @TempDir
    Path data;

    /** Each write command, and the status its device must be in for the command to apply. */
    static Stream<Arguments> writes() {
        return Stream.of(
                Arguments.of(null, List.of("register", "--type", "settopbox", "--mac", "m-new")),
                Arguments.of(DeviceStatus.INITIALIZING, List.of("mark-available", "--id", "1")),
                Arguments.of(DeviceStatus.AVAILABLE, List.of("reserve", "--id", "1")),
                Arguments.of(DeviceStatus.AVAILABLE, List.of("reserve", "--id", "1", "--holder", "h-1", "--ttl", "60")),
                Arguments.of(DeviceStatus.RESERVED, List.of("extend", "--id", "1", "--holder", "h-1", "--ttl", "600")),
                Arguments.of(DeviceStatus.RESERVED, List.of("release", "--id", "1", "--holder", "h-1")),
                Arguments.of(DeviceStatus.RESERVED, List.of("release", "--id", "1")),
                Arguments.of(DeviceStatus.RESERVED, List.of("force-release", "--id", "1", "--reason", "stuck")),
                Arguments.of(DeviceStatus.AVAILABLE, List.of("activate", "--id", "1", "--account", "acct-1")),
                Arguments.of(DeviceStatus.ACTIVATED, List.of("deactivate", "--id", "1")),
                Arguments.of(DeviceStatus.DEACTIVATING, List.of("complete-deactivation", "--id", "1")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("writes")
    void a_write_run_again_with_its_key_prints_the_first_result_and_changes_nothing(DeviceStatus given,
            List<String> command) {
        Cli cli = new Cli(data);
        if (given != null) {
            cli.given(Clock.systemUTC(), registry -> givenDevice(registry, given));
        }
        String[] keyed = Stream.concat(command.stream(), Stream.of("--idempotency-key", "retry-1"))
                .toArray(String[]::new);

        Run first = cli.run(keyed);
        JsonNode feed = cli.run("events", "--after", "0").json();
        Run again = cli.run(keyed);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(cli.run("events", "--after", "0").json()).as("no event added").isEqualTo(feed);
        assertThat(feed.get(feed.size() - 1).get("idempotency_key").asText()).isEqualTo("retry-1");
    }

    @Test
    void the_same_key_with_another_command_is_refused_with_33905_and_changes_nothing() {
        Cli cli = new Cli(data);
        cli.given(Clock.systemUTC(), registry -> givenDevice(registry, DeviceStatus.AVAILABLE));
        cli.run("reserve", "--id", "1", "--holder", "h-1", "--ttl", "60", "--idempotency-key", "k-1");

        Run otherTtl = cli.run("reserve", "--id", "1", "--holder", "h-1", "--ttl", "61", "--idempotency-key", "k-1");
        Run otherCommand = cli.run("release", "--id", "1", "--idempotency-key", "k-1");

        for (Run run : List.of(otherTtl, otherCommand)) {
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.out()).isEmpty();
            assertThat(run.code()).isEqualTo(33905);
            assertThat(run.error().get("message").asText()).contains("k-1");
        }
        assertThat(cli.run("get", "--id", "1").json().get("status").asText()).isEqualTo("reserve");
    }

    @Test
    void a_refused_write_records_nothing_so_its_retry_is_judged_afresh() {
        Cli cli = new Cli(data);
        cli.given(Clock.systemUTC(), registry -> givenDevice(registry, DeviceStatus.INITIALIZING));

        Run refused = cli.run("reserve", "--id", "1", "--idempotency-key", "k-1");
        cli.run("mark-available", "--id", "1");
        Run retried = cli.run("reserve", "--id", "1", "--idempotency-key", "k-1");

        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.code()).isEqualTo(33622);
        assertThat(retried.exit()).isZero();
        assertThat(retried.json().get("status").asText()).isEqualTo("reserve");
    }

    @Test
    void actor_and_reason_are_recorded_on_the_event_of_the_write() {
        Cli cli = new Cli(data);

        cli.run("register", "--type", "mediaagent", "--mac", "m-1", "--actor", "ops-anna", "--reason", "new stock");
        JsonNode event = cli.run("history", "--id", "1").json().get(0);

        assertThat(event.get("actor").asText()).isEqualTo("ops-anna");
        assertThat(event.get("reason").asText()).isEqualTo("new stock");
        assertThat(event.has("idempotency_key")).isFalse();
    }

    /** A new device (id 1) driven through legal transitions to {@code status}; a hold is h-1's, for 10 minutes. */
    private static void givenDevice(DeviceRegistry registry, DeviceStatus status) {
        Device device = registry.register(NewDevice.builder("mediaagent").mac("fake_mac_5").build());
        DeviceRef ref = DeviceRef.id(device.id());
        if (status == DeviceStatus.INITIALIZING) {
            return;
        }
        registry.markAvailable(ref);
        switch (status) {
            case RESERVED -> registry.reserve(ref, Hold.of("h-1", Duration.ofMinutes(10)));
            case ACTIVATED -> registry.activate(ref, false);
            case DEACTIVATING -> {
                registry.activate(ref, false);
                registry.deactivate(ref);
            }
            default -> {
            }
        }
    }
}
