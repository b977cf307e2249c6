package io.devreg.examples.boot;

import static io.devreg.examples.boot.BillingApi.JSON;
import static io.devreg.examples.boot.GivenDevices.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/billing/devices/bulk} over real HTTP: one result per row, the counts, 413 and 422. */
class BulkEndpointTest extends ServiceOnEmbeddedStore {

    @Test
    void each_row_gets_its_own_result_in_order_with_the_counts() {
        Device registered = given(registry, DeviceStatus.AVAILABLE);
        String mac = "bulk-" + UUID.randomUUID();

        HttpResponse<String> response = api.post("/bulk", """
                [{"type": "mediaagent", "mac": "%s", "serial_number": "s1", "version": "1.1.1.1", "is_online": true},
                 "not a device",
                 {"type": "mediaagent", "mac": "%s"},
                 {"type": " ", "mac": ["a"], "name": "%s"},
                 {"type": "mediaagent", "serial_number": "%s"}]""".formatted(mac, mac, "n".repeat(256),
                registered.serialNumber()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("created").asInt()).isEqualTo(1);
        assertThat(body.get("updated").asInt()).isZero();
        assertThat(body.get("unchanged").asInt()).isZero();
        assertThat(body.get("failed").asInt()).isEqualTo(4);
        JsonNode rows = body.get("rows");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).get("index").asInt()).isZero();
        assertThat(rows.get(0).get("status").asString()).isEqualTo("created");
        Device created = registry.get(DeviceRef.identity("mediaagent", mac, null));
        assertThat(rows.get(0).get("device").get("id").asLong()).isEqualTo(created.id());
        assertThat(rows.get(0).get("device").get("status").asString()).isEqualTo("initialization");
        assertThat(registry.history(DeviceRef.id(created.id()))).extracting(event -> event.operation())
                .containsExactly(DeviceOperation.REGISTER);
        assertThat(rows.get(1).get("status").asString()).isEqualTo("failed");
        assertThat(rows.get(1).get("errors").get("row").get(0).asString()).isEqualTo("must be a JSON object");
        assertThat(rows.get(2).get("code").asInt()).isEqualTo(33902);
        assertThat(rows.get(2).has("device")).isFalse();
        assertThat(rows.get(3).get("errors").propertyNames()).containsExactly("type", "name", "mac");
        assertThat(rows.get(3).get("errors").get("type").get(0).asString()).isEqualTo("must not be blank");
        assertThat(rows.get(3).get("errors").get("mac").get(0).asString()).isEqualTo("has the wrong JSON type");
        assertThat(rows.get(4).get("index").asInt()).isEqualTo(4);
        assertThat(rows.get(4).get("code").asInt()).isEqualTo(33902);
    }

    @Test
    void create_or_update_updates_a_registered_device_and_leaves_an_equal_one_unchanged() {
        Device device = given(registry, DeviceStatus.AVAILABLE);
        String row = """
                {"type": "mediaagent", "mac": "%s", "name": "renamed", "version": "1.1.1.1", "is_online": true}"""
                .formatted(device.mac());

        HttpResponse<String> response = api.post("/bulk?mode=create-or-update", "[" + row + ", " + row + "]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode rows = JSON.readTree(response.body()).get("rows");
        assertThat(rows.get(0).get("status").asString()).isEqualTo("updated");
        assertThat(rows.get(0).get("device").get("name").asString()).isEqualTo("renamed");
        assertThat(rows.get(1).get("status").asString()).isEqualTo("unchanged");
        Device updated = registry.get(DeviceRef.id(device.id()));
        assertThat(updated.name()).isEqualTo("renamed");
        assertThat(updated.status()).isEqualTo(DeviceStatus.AVAILABLE);
        assertThat(updated.revision()).isEqualTo(device.revision() + 1);
    }

    @Test
    void a_thousand_rows_are_accepted_and_one_more_answers_413_storing_nothing() {
        String prefix = "limit-" + UUID.randomUUID() + "-";

        HttpResponse<String> tooMany = api.post("/bulk", rows(prefix, 1001));
        HttpResponse<String> enough = api.post("/bulk", rows(prefix, 1000));

        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooMany.body()).get("errors").get("body").get(0).asString())
                .isEqualTo("must hold at most 1000 devices, not 1001");
        assertThat(enough.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(enough.body()).get("created").asInt()).isEqualTo(1000);
    }

    @Test
    void a_body_that_is_not_an_array_answers_422() {
        HttpResponse<String> object = api.post("/bulk", """
                {"type": "mediaagent", "mac": "m"}""");
        HttpResponse<String> notJson = api.post("/bulk", "[{");
        HttpResponse<String> badMode = api.post("/bulk?mode=upsert", "[]");

        assertThat(object.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(object.body()).get("errors").get("body").get(0).asString())
                .isEqualTo("must be a JSON array");
        assertThat(notJson.statusCode()).isEqualTo(422);
        assertThat(badMode.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(badMode.body()).get("errors").propertyNames()).containsExactly("mode");
    }

    private static String rows(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"type\": \"mediaagent\", \"mac\": \"" + prefix + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
