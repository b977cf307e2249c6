package io.devreg.examples.boot;

import static io.devreg.examples.boot.GivenDevices.HOLDER;
import static io.devreg.examples.boot.GivenDevices.given;
import static io.devreg.examples.boot.GivenDevices.identity;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Holds, activation on an account and usage over real HTTP: the seed's reserve with a holder and a
 * TTL, extend, release by the holder, force-release, activate by the holder, the usage of an
 * account, and the 422 of every bad value.
 */
class HoldEndpointsTest extends ServiceOnEmbeddedStore {

    @Test
    void the_seeds_reserve_with_a_holder_and_a_ttl_answers_the_hold_and_its_expiry() {
        Device device = given(registry, DeviceStatus.AVAILABLE);

        HttpResponse<String> response = api.post("/reserve",
                "{" + identity(device) + ", \"holder\": \"checkout-7\", \"ttl\": 900}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asString()).isEqualTo("reserve");
        assertThat(body.get("holder").asString()).isEqualTo("checkout-7");
        assertThat(Duration.between(Instant.parse(body.get("reserved_at").asString()),
                Instant.parse(body.get("expires_at").asString()))).isEqualTo(Duration.ofSeconds(900));
        assertThat(registry.get(DeviceRef.id(device.id())).reservation().holder()).isEqualTo("checkout-7");
    }

    @Test
    void a_reserve_body_whose_holder_and_ttl_are_null_is_the_seeds_anonymous_reserve() {
        Device device = given(registry, DeviceStatus.AVAILABLE);

        HttpResponse<String> response = api.post("/reserve",
                "{" + identity(device) + ", \"holder\": null, \"ttl\": null}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).propertyNames()).containsExactly("id", "type", "uuid", "serial_number", "status",
                "mac", "name", "version", "created_at", "last_updated_at", "is_online");
        assertThat(registry.get(DeviceRef.id(device.id())).reservation().holder()).isNull();
    }

    @Test
    void another_holder_gets_33599_and_the_holder_itself_gets_its_device_back_unchanged() {
        Device held = given(registry, DeviceStatus.RESERVED);

        HttpResponse<String> other = api.post("/reserve", "{" + identity(held) + ", \"holder\": \"checkout-7\"}");
        HttpResponse<String> again = api.post("/reserve", "{" + identity(held) + ", \"holder\": \"" + HOLDER + "\"}");

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(json(other).get("code").asInt()).isEqualTo(33599);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("expires_at").asString()).isEqualTo(held.reservation().expiresAt().toString());
    }

    @Test
    void the_holder_extends_its_hold_and_nobody_else_can() {
        Device held = given(registry, DeviceStatus.RESERVED);
        Device available = given(registry, DeviceStatus.AVAILABLE);

        HttpResponse<String> extended = api.post("/extend",
                "{" + identity(held) + ", \"holder\": \"" + HOLDER + "\", \"ttl\": 3600}");
        HttpResponse<String> byOther = api.post("/extend", "{" + identity(held) + ", \"holder\": \"x\", \"ttl\": 60}");
        HttpResponse<String> noHold = api.post("/extend",
                "{" + identity(available) + ", \"holder\": \"" + HOLDER + "\", \"ttl\": 60}");

        assertThat(extended.statusCode()).isEqualTo(200);
        assertThat(Instant.parse(json(extended).get("expires_at").asString()))
                .isAfter(held.reservation().expiresAt().plus(Duration.ofMinutes(49)));
        assertThat(json(extended).get("reserved_at").asString()).isEqualTo(held.reservation().reservedAt().toString());
        assertThat(json(byOther).get("code").asInt()).isEqualTo(33599);
        assertThat(json(noHold).get("code").asInt()).isEqualTo(33901);
        assertThat(List.of(byOther.statusCode(), noHold.statusCode())).containsOnly(400);
    }

    @Test
    void release_with_a_holder_ends_only_that_holders_hold_and_without_one_any_hold() {
        Device held = given(registry, DeviceStatus.RESERVED);
        Device other = given(registry, DeviceStatus.RESERVED);

        HttpResponse<String> wrongHolder = api.post("/release", "{" + identity(held) + ", \"holder\": \"x\"}");
        HttpResponse<String> byHolder = api.post("/release", "{" + identity(held) + ", \"holder\": \"" + HOLDER + "\"}");
        HttpResponse<String> again = api.post("/release", "{" + identity(held) + ", \"holder\": \"" + HOLDER + "\"}");
        HttpResponse<String> anyone = api.post("/release", "{" + identity(other) + "}");

        assertThat(wrongHolder.statusCode()).isEqualTo(400);
        assertThat(json(wrongHolder).get("code").asInt()).isEqualTo(33599);
        assertThat(byHolder.statusCode()).isEqualTo(200);
        assertThat(json(byHolder).get("status").asString()).isEqualTo("available");
        assertThat(json(again).get("code").asInt()).isEqualTo(33901);
        assertThat(anyone.statusCode()).isEqualTo(200);
        assertThat(registry.get(DeviceRef.id(other.id())).status()).isEqualTo(DeviceStatus.AVAILABLE);
    }

    @Test
    void force_release_ends_any_hold_and_records_the_reason_on_its_event() {
        Device held = given(registry, DeviceStatus.RESERVED);

        HttpResponse<String> noReason = api.post("/force-release", "{" + identity(held) + "}");
        HttpResponse<String> forced = api.post("/force-release",
                "{" + identity(held) + ", \"reason\": \"checkout abandoned\"}");
        HttpResponse<String> noHold = api.post("/force-release", "{" + identity(held) + ", \"reason\": \"again\"}");
        List<DeviceEvent> history = registry.history(DeviceRef.id(held.id()));
        DeviceEvent last = history.get(history.size() - 1);

        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(json(noReason).get("errors").propertyNames()).containsExactly("reason");
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(json(forced).get("status").asString()).isEqualTo("available");
        assertThat(last.operation()).isEqualTo(DeviceOperation.FORCE_RELEASE);
        assertThat(last.reason()).isEqualTo("checkout abandoned");
        assertThat(noHold.statusCode()).isEqualTo(400);
        assertThat(json(noHold).get("code").asInt()).isEqualTo(33901);
    }

    @Test
    void the_holder_activates_its_hold_on_an_account_and_another_holder_gets_33599() {
        Device held = given(registry, DeviceStatus.RESERVED);

        HttpResponse<String> byOther = api.post("/activate",
                "{" + identity(held) + ", \"holder\": \"x\", \"account\": \"acct-7\"}");
        HttpResponse<String> byHolder = api.post("/activate",
                "{" + identity(held) + ", \"holder\": \"" + HOLDER + "\", \"account\": \"acct-1001\"}");

        assertThat(byOther.statusCode()).isEqualTo(400);
        assertThat(json(byOther).get("code").asInt()).isEqualTo(33599);
        assertThat(byHolder.statusCode()).isEqualTo(200);
        assertThat(json(byHolder).get("status").asString()).isEqualTo("active");
        assertThat(json(byHolder).get("account").asString()).isEqualTo("acct-1001");
        assertThat(registry.get(DeviceRef.id(held.id())).account()).isEqualTo("acct-1001");
    }

    @Test
    void usage_answers_each_devices_active_interval_on_the_account() {
        Device first = given(registry, DeviceStatus.AVAILABLE);
        Device second = given(registry, DeviceStatus.AVAILABLE);
        api.post("/activate", "{" + identity(first) + ", \"account\": \"acct-usage\"}");
        api.post("/activate", "{" + identity(second) + ", \"account\": \"acct-usage\"}");
        Instant deactivatedAt = registry.deactivate(DeviceRef.id(first.id())).lastUpdatedAt();
        Instant from = Instant.now().minus(Duration.ofHours(1));
        Instant to = Instant.now().plus(Duration.ofHours(1));

        HttpResponse<String> response = api.get("/api/v1/billing/accounts/acct-usage/usage?from=" + from + "&to=" + to);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode usage = json(response);
        assertThat(usage.get("account").asString()).isEqualTo("acct-usage");
        assertThat(usage.get("from").asString()).isEqualTo(from.toString());
        JsonNode intervals = usage.get("intervals");
        assertThat(intervals).hasSize(2);
        assertThat(intervals.get(0).get("device_id").asLong()).isEqualTo(first.id());
        assertThat(intervals.get(0).get("from").asString()).isEqualTo(activatedAt(first).toString());
        assertThat(intervals.get(0).get("to").asString()).isEqualTo(deactivatedAt.toString());
        assertThat(intervals.get(1).get("device_id").asLong()).isEqualTo(second.id());
        assertThat(intervals.get(1).get("to").asString()).as("still active: clipped at to").isEqualTo(to.toString());
        assertThat(usage.get("total_seconds").asLong()).isEqualTo(
                intervals.get(0).get("seconds").asLong() + intervals.get(1).get("seconds").asLong());
    }

    @ParameterizedTest(name = "{0} -> 422 on {1}")
    @CsvSource(delimiter = '|', value = {
            "acct-1/usage?from=yesterday&to=2026-02-01T00:00:00Z | from",
            "acct-1/usage?from=2026-01-01T00:00:00Z | to",
            "acct-1/usage?to=2026-01-01T00:00:00Z | from",
            "acct-1/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z | to",
            "acct-1/usage?from=2026-01-01&to=2026-02-01T00:00:00Z | from",
            "a%0Ab/usage?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z | account",
            "%20/usage?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z | account",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    + "/usage?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z | account"})
    void a_bad_account_or_period_answers_422_on_that_field(String path, String field) {
        HttpResponse<String> response = api.get("/api/v1/billing/accounts/" + path);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("errors").has(field)).as(response.body()).isTrue();
    }

    /** Every bad value of the version 2 fields: 422 with that field's error, and the device unchanged. */
    @ParameterizedTest(name = "{0} {1} -> 422 on {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/reserve | \"holder\": \"h\", \"ttl\": \"fifteen\" | ttl",
            "/reserve | \"holder\": \"h\", \"ttl\": -1 | ttl",
            "/reserve | \"holder\": \"h\", \"ttl\": 0 | ttl",
            "/reserve | \"holder\": \"h\", \"ttl\": 1.5 | ttl",
            "/reserve | \"holder\": \"h\", \"ttl\": 1e400 | ttl",
            "/reserve | \"holder\": \"h\", \"ttl\": 99999999999999999999 | ttl",
            "/reserve | \"holder\": \"h\", \"ttl\": true | ttl",
            "/reserve | \"holder\": \"h\", \"ttl\": [900] | ttl",
            "/reserve | \"holder\": \"h\", \"ttl\": 86401 | ttl",
            "/reserve | \"ttl\": 900 | holder",
            "/reserve | \"holder\": \"\" | holder",
            "/reserve | \"holder\": \"a\\u0007b\" | holder",
            "/reserve | \"holder\": \"\\ud800\" | holder",
            "/reserve | \"holder\": {\"id\": 1} | holder",
            "/reserve | \"holder\": \"HOLDER_129\" | holder",
            "/extend | \"holder\": \"h\", \"ttl\": \"soon\" | ttl",
            "/extend | \"holder\": \"h\" | ttl",
            "/extend | \"ttl\": 60 | holder",
            "/release | \"holder\": \" \" | holder",
            "/release | \"holder\": [\"h\"] | holder",
            "/force-release | \"reason\": \"\" | reason",
            "/force-release | \"reason\": \"REASON_1001\" | reason",
            "/force-release | \"reason\": [\"stuck\"] | reason",
            "/activate | \"account\": \"a\\nb\" | account",
            "/activate | \"account\": \"ACCOUNT_129\" | account",
            "/activate | \"account\": {} | account",
            "/activate | \"holder\": \"HOLDER_129\" | holder",
            "/activate | \"skip_reserve_check\": \"yes\" | skip_reserve_check"})
    void a_bad_value_answers_422_on_its_field_and_changes_nothing(String path, String fields, String field) {
        Device device = given(registry, DeviceStatus.RESERVED);
        String body = "{" + identity(device) + ", " + fields.replace("HOLDER_129", "h".repeat(129))
                .replace("ACCOUNT_129", "a".repeat(129)).replace("REASON_1001", "r".repeat(1001)) + "}";

        HttpResponse<String> response = api.post(path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).get("errors").has(field)).as(response.body()).isTrue();
        assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(device);
    }

    private Instant activatedAt(Device device) {
        return registry.history(DeviceRef.id(device.id())).stream()
                .filter(event -> event.operation() == DeviceOperation.ACTIVATE).findFirst().orElseThrow().at();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return BillingApi.JSON.readTree(response.body());
    }
}
