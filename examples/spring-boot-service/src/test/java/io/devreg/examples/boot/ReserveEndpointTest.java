package io.devreg.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's endpoint over real HTTP: the service runs on a random port with its embedded store in a
 * temporary directory, and each test sends the seed's cURL request.
 */
class ReserveEndpointTest extends ServiceOnEmbeddedStore {

    private static final AtomicInteger SERIALS = new AtomicInteger();

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void reserving_an_available_device_answers_200_with_the_device_in_the_seeds_shape() throws Exception {
        Device device = givenDevice(DeviceStatus.AVAILABLE);

        HttpResponse<String> response = post("/reserve", seedRequest(device));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        Device reserved = registry.get(DeviceRef.id(device.id()));
        assertThat(reserved.status()).isEqualTo(DeviceStatus.RESERVED);
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("""
                {"id": %d, "type": "mediaagent", "uuid": "%s", "serial_number": "%s", "status": "reserve",
                 "mac": "%s", "name": null, "version": "1.1.1.1", "created_at": "%s",
                 "last_updated_at": "%s", "is_online": true}""".formatted(device.id(), device.uuid(),
                device.serialNumber(), device.mac(), device.createdAt(), reserved.lastUpdatedAt())));
    }

    @ParameterizedTest(name = "a device in status {0} answers 400 with code {1}")
    @CsvSource({"INITIALIZING, 33622", "RESERVED, 33599", "ACTIVATED, 33603", "DEACTIVATING, 33610"})
    void reserving_a_device_whose_status_refuses_answers_400_with_the_seeds_code(DeviceStatus status, int code)
            throws Exception {
        Device device = givenDevice(status);

        HttpResponse<String> response = post("/reserve", seedRequest(device));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("code").asInt()).isEqualTo(code);
        assertThat(body.get("message").asString()).contains(status.wireName());
        assertThat(registry.get(DeviceRef.id(device.id())).status()).isEqualTo(status);
    }

    @Test
    void reserving_an_unknown_device_answers_400_with_33600() throws Exception {
        HttpResponse<String> response = post("/reserve", """
                {"type": "mediaagent", "mac": "nobody-has-this-mac", "serial_number": "sn"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("code").asInt()).isEqualTo(33600);
    }

    @Test
    void an_invalid_request_answers_422_with_the_errors_of_every_field() throws Exception {
        HttpResponse<String> response = post("/reserve", """
                {"type": " ", "mac": null}""");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("errors").propertyNames()).containsExactly("type", "mac", "serial_number");
        assertThat(body.get("errors").get("type").get(0).asString()).isEqualTo("must not be blank");
    }

    @Test
    void a_field_of_the_wrong_json_type_answers_422_naming_that_field() throws Exception {
        HttpResponse<String> response = post("/reserve", """
                {"type": "mediaagent", "mac": ["a", "b"]}""");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json.readTree(response.body()).get("errors").propertyNames()).containsExactly("mac");
    }

    @Test
    void a_body_that_is_not_json_answers_422() throws Exception {
        HttpResponse<String> response = post("/reserve", "type=mediaagent");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json.readTree(response.body()).get("errors").propertyNames()).containsExactly("body");
    }

    @ParameterizedTest(name = "a body cut off after {0} answers 422: body is malformed JSON")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a field's name | {\"type\": \"mediaagent\", \"mac\"",
            "a string's start | {\"type\": \"mediaagent\", \"mac\": \"fake_ma",
            "a whole value | {\"type\": \"mediaagent\", \"mac\": \"fake_mac_1\""})
    void a_truncated_body_is_malformed_json_not_a_field_of_the_wrong_type(String where, String truncated)
            throws Exception {
        HttpResponse<String> response = post("/reserve", truncated);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.propertyNames()).containsExactly("body");
        assertThat(errors.get("body").get(0).asString()).isEqualTo("is malformed JSON");
    }

    @Test
    void a_number_where_a_string_belongs_answers_422_on_that_field() throws Exception {
        Device device = givenDevice(DeviceStatus.AVAILABLE);

        HttpResponse<String> response = post("/reserve", """
                {"type": 5, "mac": "%s", "serial_number": "%s"}""".formatted(device.mac(), device.serialNumber()));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.propertyNames()).containsExactly("type");
        assertThat(errors.get("type").get(0).asString()).isEqualTo("has the wrong JSON type");
        assertThat(registry.get(DeviceRef.id(device.id())).status()).isEqualTo(DeviceStatus.AVAILABLE);
    }

    @Test
    void activating_a_reserved_device_needs_skip_reserve_check() throws Exception {
        Device device = givenDevice(DeviceStatus.RESERVED);
        String identity = "\"type\": \"mediaagent\", \"serial_number\": \"" + device.serialNumber() + '"';

        HttpResponse<String> plain = post("/activate", "{" + identity + "}");
        HttpResponse<String> skipping = post("/activate", "{" + identity + ", \"skip_reserve_check\": true}");

        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(json.readTree(plain.body()).get("code").asInt()).isEqualTo(33599);
        assertThat(skipping.statusCode()).isEqualTo(200);
        assertThat(json.readTree(skipping.body()).get("status").asString()).isEqualTo("active");
    }

    @Test
    void a_device_is_found_by_id_and_by_identity() throws Exception {
        Device device = givenDevice(DeviceStatus.AVAILABLE);

        HttpResponse<String> byId = get("/" + device.id());
        HttpResponse<String> byIdentity = get("?type=mediaagent&serial_number=" + device.serialNumber());
        HttpResponse<String> unknown = get("/999999");
        HttpResponse<String> notAnId = get("/abc");

        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(json.readTree(byId.body()).get("uuid").asString()).isEqualTo(device.uuid().toString());
        assertThat(json.readTree(byIdentity.body())).isEqualTo(json.readTree(byId.body()));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).get("code").asInt()).isEqualTo(33600);
        assertThat(notAnId.statusCode()).isEqualTo(422);
        assertThat(json.readTree(notAnId.body()).get("errors").propertyNames()).containsExactly("id");
    }

    @Test
    void a_device_registered_over_http_can_be_made_available_and_reserved() throws Exception {
        String identity = "\"type\": \"settopbox\", \"mac\": \"AA-BB-CC-00-11-22\"";

        HttpResponse<String> registered = post("", "{" + identity + ", \"version\": \"2.0\", \"is_online\": true}");
        HttpResponse<String> available = post("/mark-available", "{" + identity + "}");
        HttpResponse<String> reserved = post("/reserve", "{\"type\": \"settopbox\", \"mac\": \"aa:bb:cc:00:11:22\"}");

        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(json.readTree(registered.body()).get("status").asString()).isEqualTo("initialization");
        assertThat(json.readTree(registered.body()).get("mac").asString()).isEqualTo("aa:bb:cc:00:11:22");
        assertThat(available.statusCode()).isEqualTo(200);
        assertThat(reserved.statusCode()).isEqualTo(200);
        assertThat(json.readTree(reserved.body()).get("status").asString()).isEqualTo("reserve");
    }

    /** A new device driven through legal transitions to {@code status}. */
    private Device givenDevice(DeviceStatus status) {
        Device device = registry.register(NewDevice.builder("mediaagent")
                .mac("fake_mac_" + SERIALS.incrementAndGet()).serialNumber("sn-" + SERIALS.get())
                .version("1.1.1.1").online(true).build());
        DeviceRef ref = DeviceRef.id(device.id());
        if (status == DeviceStatus.INITIALIZING) {
            return device;
        }
        device = registry.markAvailable(ref);
        return switch (status) {
            case AVAILABLE -> device;
            case RESERVED -> registry.reserve(ref);
            case ACTIVATED -> registry.activate(ref, false);
            case DEACTIVATING -> {
                registry.activate(ref, false);
                yield registry.deactivate(ref);
            }
            case INITIALIZING -> throw new IllegalStateException("handled above");
        };
    }

    private static String seedRequest(Device device) {
        return """
                {
                    "type": "%s",
                    "mac": "%s",
                    "serial_number": "%s"
                }""".formatted(device.type(), device.mac(), device.serialNumber());
    }

    /** The seed's cURL request: POST, JSON in and out. */
    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + "/api/v1/billing/devices" + path);
    }
}
