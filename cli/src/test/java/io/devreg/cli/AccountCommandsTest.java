package io.devreg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.NewDevice;
import io.devreg.cli.Cli.Run;
import io.devreg.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** activate --account --holder, and usage as a table and as JSON. */
class AccountCommandsTest {

    private static final Instant MONTH = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path data;

    @Test
    void the_holder_completes_its_own_hold_on_an_account_and_nobody_else_can() {
        Cli cli = new Cli(data);
        cli.run("register", "--type", "mediaagent", "--mac", "fake_mac_5");
        cli.run("mark-available", "--id", "1");
        cli.run("reserve", "--id", "1", "--holder", "checkout-42", "--ttl", "900");

        Run byOther = cli.run("activate", "--id", "1", "--holder", "checkout-7", "--account", "acct-7");
        Run byHolder = cli.run("activate", "--id", "1", "--holder", "checkout-42", "--account", "acct-1001");
        JsonNode history = cli.run("history", "--id", "1").json();
        JsonNode activation = history.get(history.size() - 1);

        assertThat(byOther.exit()).isEqualTo(3);
        assertThat(byOther.code()).isEqualTo(33599);
        assertThat(byHolder.exit()).as(byHolder.err()).isZero();
        assertThat(byHolder.json().get("status").asText()).isEqualTo("active");
        assertThat(byHolder.json().get("account").asText()).isEqualTo("acct-1001");
        assertThat(activation.get("operation").asText()).isEqualTo("activate");
        assertThat(activation.get("from").asText()).isEqualTo("reserve");
        assertThat(activation.get("account").asText()).isEqualTo("acct-1001");
        assertThat(activation.get("holder").asText()).isEqualTo("checkout-42");
    }

    @Test
    void usage_prints_each_interval_and_the_total_as_a_table() {
        Cli cli = givenUsage();

        Run usage = cli.run("usage", "--account", "acct-1001", "--from", "2026-01-01T00:00:00Z",
                "--to", "2026-01-01T03:00:00Z");

        assertThat(usage.exit()).as(usage.err()).isZero();
        assertThat(usage.err()).isEmpty();
        assertThat(usage.out()).isEqualToNormalizingNewlines("""
                Usage of account acct-1001 from 2026-01-01T00:00:00Z to 2026-01-01T03:00:00Z (excluded)
                device id  from                  to                    duration
                1          2026-01-01T00:00:00Z  2026-01-01T02:30:00Z   2:30:00
                2          2026-01-01T01:00:00Z  2026-01-01T03:00:00Z   2:00:00
                total                                                   4:30:00
                """);
    }

    @Test
    void usage_with_json_prints_the_usage_shape() {
        Cli cli = givenUsage();

        Run usage = cli.run("usage", "--account", "acct-1001", "--from", "2026-01-01T02:00:00Z",
                "--to", "2026-01-02T00:00:00Z", "--json");

        assertThat(usage.exit()).isZero();
        JsonNode json = usage.json();
        assertThat(json.get("account").asText()).isEqualTo("acct-1001");
        assertThat(json.get("total_seconds").asLong()).isEqualTo(Duration.ofMinutes(30 + 22 * 60).toSeconds());
        assertThat(json.get("intervals")).hasSize(2);
        assertThat(json.get("intervals").get(0).get("from").asText()).isEqualTo("2026-01-01T02:00:00Z");
        assertThat(json.get("intervals").get(1).get("to").asText()).isEqualTo("2026-01-02T00:00:00Z");
    }

    @Test
    void usage_of_an_account_without_activations_is_an_empty_table_with_a_zero_total() {
        Cli cli = givenUsage();

        Run usage = cli.run("usage", "--account", "acct-none", "--from", "2026-01-01T00:00:00Z",
                "--to", "2026-02-01T00:00:00Z");

        assertThat(usage.exit()).isZero();
        assertThat(usage.out().lines().toList()).hasSize(3).last().asString().matches("total +0:00:00");
    }

    @Test
    void a_period_that_ends_before_it_begins_exits_4_on_to() {
        Run usage = new Cli(data).run("usage", "--account", "acct-1001", "--from", "2026-02-01T00:00:00Z",
                "--to", "2026-01-01T00:00:00Z");

        assertThat(usage.exit()).isEqualTo(4);
        assertThat(usage.error().get("errors").has("to")).isTrue();
    }

    /**
     * Device 1 active on acct-1001 from 00:00 to 02:30 on the first of the month; device 2 from 01:00
     * on and still active; device 3 on another account.
     */
    private Cli givenUsage() {
        Cli cli = new Cli(data);
        ManualClock clock = ManualClock.at(MONTH.minus(Duration.ofDays(1)));
        cli.given(clock, registry -> {
            long[] ids = new long[3];
            for (int i = 0; i < ids.length; i++) {
                Device device = registry.register(NewDevice.builder("mediaagent").mac("m-" + i).build());
                ids[i] = registry.markAvailable(DeviceRef.id(device.id())).id();
            }
            clock.set(MONTH);
            registry.activate(DeviceRef.id(ids[0]), Activation.onAccount("acct-1001", null));
            clock.advance(Duration.ofHours(1));
            registry.activate(DeviceRef.id(ids[1]), Activation.onAccount("acct-1001", null));
            registry.activate(DeviceRef.id(ids[2]), Activation.onAccount("acct-other", null));
            clock.advance(Duration.ofMinutes(90));
            registry.deactivate(DeviceRef.id(ids[0]));
        });
        return cli;
    }
}
