package io.devreg.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devreg.ActivateRequest;
import io.devreg.Device;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import io.devreg.ValidationException;
import io.devreg.spi.StorageException;
import io.devreg.testkit.TestDeviceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonShapesTest {

    private static final UUID SEED_UUID = UUID.fromString("7a593d26-8cfd-47e9-8647-1fb18a36fedb");

    private final ObjectMapper mapper = new ObjectMapper();
    private final TestDeviceRegistry registry = TestDeviceRegistry.create();

    @Test
    void a_device_is_written_in_the_seeds_field_names_and_order_with_nulls_kept() throws Exception {
        Device registered = registry.register(NewDevice.builder("mediaagent").uuid(SEED_UUID)
                .mac("fake_mac_5").serialNumber("sn").version("1.1.1.1").online(true).build());
        registry.markAvailable(DeviceRef.id(registered.id()));
        registry.clock().advance(Duration.ofMillis(1500));

        Device reserved = registry.reserve(new ReserveRequest("mediaagent", "fake_mac_5", "sn"));
        JsonNode written = mapper.readTree(mapper.writeValueAsString(DeviceJson.of(reserved)));

        assertThat(written).isEqualTo(mapper.readTree("""
                {"id": 1, "type": "mediaagent", "uuid": "7a593d26-8cfd-47e9-8647-1fb18a36fedb",
                 "serial_number": "sn", "status": "reserve", "mac": "fake_mac_5", "name": null,
                 "version": "1.1.1.1", "created_at": "2026-01-01T00:00:00Z",
                 "last_updated_at": "2026-01-01T00:00:01.500Z", "is_online": true}"""));
        List<String> names = new ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "type", "uuid", "serial_number", "status", "mac", "name",
                "version", "created_at", "last_updated_at", "is_online");
    }

    @Test
    void the_seeds_request_body_reads_into_a_reserve_request() throws Exception {
        ReserveRequestJson body = mapper.readValue("""
                {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn"}""", ReserveRequestJson.class);

        assertThat(body.toRequest()).isEqualTo(new ReserveRequest("mediaagent", "fake_mac_5", "sn"));
    }

    @Test
    void missing_request_fields_read_as_null_for_the_registry_to_validate() throws Exception {
        ReserveRequestJson body = mapper.readValue("{\"mac\": \"m\"}", ReserveRequestJson.class);

        assertThat(body.toRequest()).isEqualTo(new ReserveRequest(null, "m", null));
    }

    @Test
    void a_registration_body_reads_into_a_validated_new_device() throws Exception {
        NewDeviceJson body = mapper.readValue("""
                {"type": "mediaagent", "mac": "AA-BB-CC-DD-EE-FF", "serial_number": "sn",
                 "name": null, "version": "1.1.1.1", "is_online": true}""", NewDeviceJson.class);
        NewDeviceJson untyped = mapper.readValue("{\"mac\": \"m\"}", NewDeviceJson.class);

        NewDevice device = body.toNewDevice();

        assertThat(device.type()).isEqualTo("mediaagent");
        assertThat(device.mac()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(device.serialNumber()).isEqualTo("sn");
        assertThat(device.name()).isNull();
        assertThat(device.version()).isEqualTo("1.1.1.1");
        assertThat(device.online()).isTrue();
        assertThatThrownBy(untyped::toNewDevice).isInstanceOfSatisfying(ValidationException.class,
                invalid -> assertThat(invalid.errors()).containsOnlyKeys("type"));
    }

    @Test
    void an_activation_skips_the_reserve_check_only_when_asked_to() throws Exception {
        ActivateRequestJson plain = mapper.readValue(
                "{\"type\": \"t\", \"serial_number\": \"s\"}", ActivateRequestJson.class);
        ActivateRequestJson skipping = mapper.readValue(
                "{\"type\": \"t\", \"serial_number\": \"s\", \"skip_reserve_check\": true}", ActivateRequestJson.class);

        assertThat(plain.toRequest()).isEqualTo(new ActivateRequest("t", null, "s", false));
        assertThat(skipping.toRequest()).isEqualTo(new ActivateRequest("t", null, "s", true));
    }

    @Test
    void a_refusal_is_a_400_with_the_message_and_the_seeds_code() throws Exception {
        registry.register(NewDevice.builder("mediaagent").mac("fake_mac_5").build());

        DeviceResponse response = DeviceResponse.ofDevice(
                () -> registry.reserve(new ReserveRequest("mediaagent", "fake_mac_5", null)));

        assertThat(response.httpStatus()).isEqualTo(400);
        JsonNode body = mapper.valueToTree(response.body());
        assertThat(body.get("code").asInt()).isEqualTo(33622);
        assertThat(body.get("message").asText()).contains("initialization");
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void invalid_input_is_a_422_with_every_field_error() throws Exception {
        DeviceResponse response = DeviceResponse.ofDevice(
                () -> registry.reserve(new ReserveRequest(" ", null, null)));

        assertThat(response.httpStatus()).isEqualTo(422);
        JsonNode body = mapper.valueToTree(response.body());
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("errors").get("type").get(0).asText()).isEqualTo("must not be blank");
        assertThat(body.get("errors").has("mac")).isTrue();
        assertThat(body.get("errors").has("serial_number")).isTrue();
    }

    @Test
    void a_success_is_a_200_with_the_result_in_its_json_shape() {
        Device device = registry.register(NewDevice.builder("mediaagent").serialNumber("sn").build());

        DeviceResponse response = DeviceResponse.ofDevice(() -> registry.get(DeviceRef.id(device.id())));

        assertThat(response.httpStatus()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(DeviceJson.of(device));
    }

    @Test
    void a_store_failure_is_a_503_with_its_message() {
        DeviceResponse response = DeviceResponse.ofDevice(() -> {
            throw new StorageException("The database is unreachable");
        });

        assertThat(response.httpStatus()).isEqualTo(503);
        assertThat(response.body()).isEqualTo(new StorageErrorJson("The database is unreachable"));
    }

    @Test
    void events_name_their_operation_and_statuses_by_wire_name() throws Exception {
        Device device = registry.register(NewDevice.builder("mediaagent").serialNumber("sn").build());
        registry.markAvailable(DeviceRef.id(device.id()));

        List<DeviceEventJson> history = registry.history(DeviceRef.id(device.id())).stream()
                .map(DeviceEventJson::of).toList();

        assertThat(mapper.readTree(mapper.writeValueAsString(history))).isEqualTo(mapper.readTree("""
                [{"sequence": 1, "device_id": 1, "operation": "register", "from": null,
                  "to": "initialization", "at": "2026-01-01T00:00:00Z"},
                 {"sequence": 2, "device_id": 1, "operation": "mark_available", "from": "initialization",
                  "to": "available", "at": "2026-01-01T00:00:00Z"}]"""));
    }

    @Test
    void a_page_carries_its_cursor_until_the_last_page() throws Exception {
        registry.register(NewDevice.builder("mediaagent").serialNumber("a").build());
        registry.register(NewDevice.builder("mediaagent").serialNumber("b").build());

        DevicePageJson first = DevicePageJson.of(registry.list(DeviceQuery.builder().limit(1).build()));
        DevicePageJson last = DevicePageJson.of(registry.list(DeviceQuery.builder().limit(1)
                .after(first.nextCursor()).build()));

        assertThat(first.items()).extracting(DeviceJson::serialNumber).containsExactly("a");
        assertThat(last.items()).extracting(DeviceJson::serialNumber).containsExactly("b");
        assertThat(mapper.valueToTree(last).get("next_cursor").isNull()).isTrue();
    }
}
