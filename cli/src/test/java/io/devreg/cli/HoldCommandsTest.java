package io.devreg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.cli.Cli.Run;
import io.devreg.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reserve --holder --ttl, extend, release --holder, force-release and expire-holds on the embedded store. */
class HoldCommandsTest {

    private static final String[] DEVICE = {"--type", "mediaagent", "--mac", "fake_mac_5"};

    @TempDir
    Path data;

    private Cli cli;

    @BeforeEach
    void availableDevice() {
        cli = new Cli(data);
        cli.run(concat("register", DEVICE));
        cli.run(concat("mark-available", DEVICE));
    }

    @Test
    void reserve_with_a_holder_and_a_ttl_prints_the_hold_ending_ttl_seconds_after_it_began() {
        Run held = run("reserve", "--holder", "checkout-42", "--ttl", "900");

        assertThat(held.exit()).as(held.err()).isZero();
        JsonNode device = held.json();
        assertThat(device.get("status").asText()).isEqualTo("reserve");
        assertThat(device.get("holder").asText()).isEqualTo("checkout-42");
        assertThat(Duration.between(Instant.parse(device.get("reserved_at").asText()),
                Instant.parse(device.get("expires_at").asText()))).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void reserve_without_holder_or_ttl_is_the_billing_apis_anonymous_reserve_as_before() {
        Run reserved = run("reserve");
        Run events = cli.run("history", "--id", "1");

        assertThat(reserved.exit()).isZero();
        assertThat(names(reserved.json())).containsExactly("id", "type", "uuid", "serial_number", "status", "mac",
                "name", "version", "created_at", "last_updated_at", "is_online");
        assertThat(events.json().get(2).has("holder")).isFalse();
    }

    @Test
    void another_holder_is_refused_with_33599_and_the_holder_itself_gets_its_hold_back_unchanged() {
        Run first = run("reserve", "--holder", "checkout-42", "--ttl", "900");

        Run other = run("reserve", "--holder", "checkout-7", "--ttl", "900");
        Run again = run("reserve", "--holder", "checkout-42", "--ttl", "900");

        assertThat(other.exit()).isEqualTo(3);
        assertThat(other.code()).isEqualTo(33599);
        assertThat(other.out()).isEmpty();
        assertThat(again.exit()).isZero();
        assertThat(again.json()).isEqualTo(first.json());
    }

    @Test
    void extend_moves_the_holders_expiry_and_refuses_anyone_else() {
        JsonNode held = run("reserve", "--holder", "checkout-42", "--ttl", "60").json();

        Run extended = run("extend", "--holder", "checkout-42", "--ttl", "1800");
        Run byOther = run("extend", "--holder", "checkout-7", "--ttl", "1800");

        assertThat(extended.exit()).as(extended.err()).isZero();
        assertThat(extended.json().get("reserved_at")).isEqualTo(held.get("reserved_at"));
        assertThat(Instant.parse(extended.json().get("expires_at").asText()))
                .isAfter(Instant.parse(held.get("expires_at").asText()).plusSeconds(1700));
        assertThat(byOther.exit()).isEqualTo(3);
        assertThat(byOther.code()).isEqualTo(33599);
    }

    @Test
    void extend_without_a_hold_is_refused_with_33901_and_without_a_ttl_is_invalid() {
        Run noHold = run("extend", "--holder", "checkout-42", "--ttl", "60");
        run("reserve", "--holder", "checkout-42", "--ttl", "60");
        Run noTtl = run("extend", "--holder", "checkout-42");

        assertThat(noHold.exit()).isEqualTo(3);
        assertThat(noHold.code()).isEqualTo(33901);
        assertThat(noTtl.exit()).isEqualTo(4);
        assertThat(noTtl.error().get("errors").has("ttl")).isTrue();
    }

    @Test
    void release_with_a_holder_ends_only_that_holders_hold() {
        run("reserve", "--holder", "checkout-42", "--ttl", "900");

        Run byOther = run("release", "--holder", "checkout-7");
        Run byHolder = run("release", "--holder", "checkout-42");
        Run none = run("release", "--holder", "checkout-42");

        assertThat(byOther.exit()).isEqualTo(3);
        assertThat(byOther.code()).isEqualTo(33599);
        assertThat(byHolder.exit()).isZero();
        assertThat(byHolder.json().get("status").asText()).isEqualTo("available");
        assertThat(byHolder.json().has("holder")).isFalse();
        assertThat(none.exit()).isEqualTo(3);
        assertThat(none.code()).isEqualTo(33901);
    }

    @Test
    void release_without_a_holder_ends_anyones_hold_as_in_version_one() {
        run("reserve", "--holder", "checkout-42", "--ttl", "900");

        Run released = run("release");

        assertThat(released.exit()).isZero();
        assertThat(released.json().get("status").asText()).isEqualTo("available");
    }

    @Test
    void force_release_ends_any_hold_and_records_its_reason_on_the_event() {
        run("reserve", "--holder", "checkout-42", "--ttl", "900");

        Run missingReason = run("force-release");
        Run forced = run("force-release", "--reason", "checkout abandoned", "--actor", "ops-anna");
        Run again = run("force-release", "--reason", "checkout abandoned");
        JsonNode event = lastEvent();

        assertThat(missingReason.exit()).isEqualTo(4);
        assertThat(missingReason.error().get("errors").get("reason").get(0).asText()).isEqualTo("is required");
        assertThat(forced.exit()).isZero();
        assertThat(forced.json().get("status").asText()).isEqualTo("available");
        assertThat(event.get("operation").asText()).isEqualTo("force_release");
        assertThat(event.get("reason").asText()).isEqualTo("checkout abandoned");
        assertThat(event.get("actor").asText()).isEqualTo("ops-anna");
        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.code()).isEqualTo(33901);
    }

    @Test
    void expire_holds_ends_the_holds_that_ran_out_and_prints_how_many() {
        ManualClock anHourAgo = ManualClock.at(Instant.now().minus(Duration.ofHours(1)));
        cli.given(anHourAgo, registry -> {
            for (String mac : List.of("m-1", "m-2", "m-3")) {
                heldFor(registry, mac, Duration.ofMinutes(1));
            }
            heldFor(registry, "m-4", Duration.ofHours(2)); // still held now
        });

        Run first = cli.run("expire-holds", "--limit", "2", "--actor", "housekeeping");
        Run rest = cli.run("expire-holds");
        Run none = cli.run("expire-holds");
        Run feed = cli.run("events", "--after", "0", "--limit", "100");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.json()).isEqualTo(Cli.JSON.createObjectNode().put("expired", 2));
        assertThat(rest.json().get("expired").asInt()).isEqualTo(1);
        assertThat(none.json().get("expired").asInt()).isZero();
        List<JsonNode> expiries = new ArrayList<>();
        feed.json().forEach(event -> {
            if (event.get("operation").asText().equals("expire")) {
                expiries.add(event);
            }
        });
        assertThat(expiries).hasSize(3).allSatisfy(event -> assertThat(event.get("to").asText()).isEqualTo("available"));
        assertThat(expiries.get(0).get("actor").asText()).isEqualTo("housekeeping");
    }

    @Test
    void expire_holds_takes_no_idempotency_key() {
        Run run = cli.run("expire-holds", "--idempotency-key", "k-1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.error().get("message").asText()).contains("--idempotency-key");
    }

    private static void heldFor(DeviceRegistry registry, String mac, Duration ttl) {
        Device device = registry.register(NewDevice.builder("settopbox").mac(mac).build());
        registry.markAvailable(DeviceRef.id(device.id()));
        registry.reserve(DeviceRef.id(device.id()), Hold.of("checkout-" + mac, ttl));
    }

    private JsonNode lastEvent() {
        JsonNode history = cli.run("history", "--id", "1").json();
        return history.get(history.size() - 1);
    }

    /** Runs a command on the device of {@link #DEVICE}. */
    private Run run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(DEVICE));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String[] concat(String first, String... rest) {
        List<String> args = new ArrayList<>(List.of(first));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }
}
