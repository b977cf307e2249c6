package io.devreg.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import io.devreg.RowOutcome;
import io.devreg.RowResult;
import io.devreg.UsageInterval;
import io.devreg.ValidationException;
import io.devreg.testkit.TestDeviceRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The version 2 fields: written when they say something, read into holds, activations, usage and bulk results. */
class VersionTwoShapesTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final TestDeviceRegistry registry = TestDeviceRegistry.create();

    private JsonNode written(Object value) throws Exception {
        return mapper.readTree(mapper.writeValueAsString(value));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void a_hold_with_a_holder_and_an_expiry_is_written_after_the_billing_apis_fields() throws Exception {
        Device device = registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", "fake_mac_5", "sn");
        Device held = registry.reserve(DeviceRef.id(device.id()), Hold.of("checkout-42", Duration.ofMinutes(15)));

        JsonNode json = written(DeviceJson.of(held));

        assertThat(names(json)).containsExactly("id", "type", "uuid", "serial_number", "status", "mac", "name",
                "version", "created_at", "last_updated_at", "is_online", "holder", "reserved_at", "expires_at");
        assertThat(json.get("holder").asText()).isEqualTo("checkout-42");
        assertThat(json.get("reserved_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.get("expires_at").asText()).isEqualTo("2026-01-01T00:15:00Z");
    }

    @Test
    void the_anonymous_reserve_without_a_ttl_is_written_exactly_as_in_version_one() throws Exception {
        Device reserved = registry.givenDevice(DeviceStatus.RESERVED, "mediaagent", "fake_mac_5", "sn");

        assertThat(reserved.reservation()).isNotNull();
        assertThat(names(written(DeviceJson.of(reserved)))).containsExactly("id", "type", "uuid", "serial_number",
                "status", "mac", "name", "version", "created_at", "last_updated_at", "is_online");
    }

    @Test
    void an_activation_on_an_account_writes_the_account() throws Exception {
        Device device = registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", "fake_mac_5", "sn");
        Device active = registry.activate(DeviceRef.id(device.id()), Activation.onAccount("acct-1", null));

        JsonNode json = written(DeviceJson.of(active));

        assertThat(json.get("account").asText()).isEqualTo("acct-1");
        assertThat(json.has("holder")).isFalse();
    }

    @Test
    void an_event_writes_who_why_and_under_which_key_when_it_has_them() throws Exception {
        Device device = registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", "fake_mac_5", "sn");
        registry.with(RequestContext.builder().actor("ops").reason("support ticket 7").idempotencyKey("k-1").build())
                .reserve(DeviceRef.id(device.id()), Hold.of("h1"));

        List<JsonNode> events = new ArrayList<>();
        for (var event : registry.history(DeviceRef.id(device.id()))) {
            events.add(written(DeviceEventJson.of(event)));
        }

        assertThat(names(events.get(0))).containsExactly("sequence", "device_id", "operation", "from", "to", "at");
        JsonNode reserve = events.get(events.size() - 1);
        assertThat(names(reserve)).containsExactly("sequence", "device_id", "operation", "from", "to", "at",
                "holder", "actor", "reason", "idempotency_key");
        assertThat(reserve.get("reason").asText()).isEqualTo("support ticket 7");
        assertThat(reserve.get("idempotency_key").asText()).isEqualTo("k-1");
    }

    @Test
    void a_reserve_body_with_a_holder_and_a_ttl_in_seconds_reads_into_a_hold_and_one_without_into_none()
            throws Exception {
        ReserveRequestJson withHold = mapper.readValue("""
                {"type": "mediaagent", "mac": "fake_mac_5", "holder": "checkout-42", "ttl": 900}""",
                ReserveRequestJson.class);
        ReserveRequestJson seed = mapper.readValue("""
                {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn"}""", ReserveRequestJson.class);
        ReserveRequestJson ttlOnly = mapper.readValue("{\"type\": \"t\", \"ttl\": 60}", ReserveRequestJson.class);

        assertThat(withHold.toHold()).isEqualTo(Hold.of("checkout-42", Duration.ofSeconds(900)));
        assertThat(seed.toHold()).isNull();
        assertThat(ttlOnly.toHold()).isEqualTo(new Hold(null, Duration.ofMinutes(1)));
    }

    @Test
    void an_activation_body_reads_its_account_holder_and_skip_flag() throws Exception {
        ActivateRequestJson body = mapper.readValue("""
                {"type": "mediaagent", "mac": "fake_mac_5", "account": "acct-1", "holder": "h1"}""",
                ActivateRequestJson.class);

        assertThat(body.toActivation()).isEqualTo(new Activation("acct-1", "h1", false));
    }

    @Test
    void usage_is_written_with_each_intervals_seconds_and_their_total() throws Exception {
        Instant from = Instant.parse("2026-12-01T00:00:00Z");
        List<UsageInterval> intervals = List.of(
                new UsageInterval(1, "acct-1", from, from.plusSeconds(90).plusMillis(700)),
                new UsageInterval(2, "acct-1", from.plusSeconds(10), from.plusSeconds(40)));

        JsonNode json = written(UsageJson.of("acct-1", from, from.plus(Duration.ofDays(31)), intervals));

        assertThat(json.get("total_seconds").asLong()).isEqualTo(120);
        assertThat(json.get("intervals").get(0).get("seconds").asLong()).isEqualTo(90);
        assertThat(json.get("to").asText()).isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void a_bulk_result_counts_its_rows_and_writes_each_with_its_device_its_code_or_its_field_errors()
            throws Exception {
        Device device = registry.register(NewDevice.builder("mediaagent").mac("fake_mac_5").build());
        List<BulkResultJson.Row> rows = List.of(
                BulkResultJson.Row.of(RowResult.of(0, RowOutcome.CREATED, device)),
                BulkResultJson.Row.of(RowResult.failed(1, ErrorCode.DEVICE_ALREADY_REGISTERED)),
                BulkResultJson.Row.invalid(2, new ValidationException(Map.of("type", List.of("is required")))));

        JsonNode json = written(BulkResultJson.of(rows));

        assertThat(json.get("created").asInt()).isEqualTo(1);
        assertThat(json.get("failed").asInt()).isEqualTo(2);
        assertThat(names(json.get("rows").get(0))).containsExactly("index", "status", "device");
        assertThat(json.get("rows").get(1).get("code").asInt()).isEqualTo(33902);
        assertThat(json.get("rows").get(2).get("errors").get("type").get(0).asText()).isEqualTo("is required");
        assertThat(registry.registerAll(List.of(), ImportMode.CREATE).rows()).isEmpty();
    }
}
