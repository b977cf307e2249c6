package io.devreg.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.RequestContext;
import io.devreg.ReserveRequest;
import io.devreg.testkit.TestDeviceRegistry;
import org.junit.jupiter.api.Test;

/** How keyed writes and the operator's release are answered: the HTTP statuses and bodies of their outcomes. */
class IdempotentAnswersTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final TestDeviceRegistry registry = TestDeviceRegistry.create();

    @Test
    void a_key_reused_with_another_request_is_a_422_with_the_librarys_code_not_a_refusal() throws Exception {
        Device device = registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", "fake_mac_5", "sn");
        DeviceRegistry keyed = registry.with(RequestContext.builder().idempotencyKey("k-1").build());
        keyed.reserve(DeviceRef.id(device.id()));

        DeviceResponse reused = DeviceResponse.ofDevice(() -> keyed.release(DeviceRef.id(device.id())));

        assertThat(reused).isInstanceOf(DeviceResponse.KeyReused.class);
        assertThat(reused.httpStatus()).isEqualTo(422);
        JsonNode body = mapper.valueToTree(reused.body());
        assertThat(body.get("code").asInt()).isEqualTo(33905);
        assertThat(body.get("message").asText()).contains("k-1");
        assertThat(body.size()).isEqualTo(2);
        assertThat(registry.get(DeviceRef.id(device.id())).status()).isEqualTo(DeviceStatus.RESERVED);
    }

    @Test
    void every_other_refusal_stays_a_400() {
        registry.givenDevice(DeviceStatus.RESERVED, "mediaagent", "fake_mac_5", "sn");
        DeviceRegistry keyed = registry.with(RequestContext.builder().idempotencyKey("k-2").build());

        DeviceResponse refused = DeviceResponse.ofDevice(
                () -> keyed.reserve(new ReserveRequest("mediaagent", "fake_mac_5", "sn")));

        assertThat(refused).isInstanceOf(DeviceResponse.Refused.class);
        assertThat(refused.httpStatus()).isEqualTo(400);
    }

    @Test
    void a_replayed_write_is_answered_as_the_first_one_was() {
        Device device = registry.givenDevice(DeviceStatus.AVAILABLE, "mediaagent", "fake_mac_5", "sn");
        DeviceRegistry keyed = registry.with(RequestContext.builder().idempotencyKey("k-3").build());

        DeviceResponse first = DeviceResponse.ofDevice(() -> keyed.reserve(DeviceRef.id(device.id())));
        DeviceResponse replayed = DeviceResponse.ofDevice(() -> keyed.reserve(DeviceRef.id(device.id())));

        assertThat(replayed).isEqualTo(first);
        assertThat(replayed.httpStatus()).isEqualTo(200);
    }

    @Test
    void a_force_release_body_names_the_device_and_the_reason() throws Exception {
        ForceReleaseRequestJson body = mapper.readValue("""
                {"type": "mediaagent", "serial_number": "sn", "reason": "checkout abandoned"}""",
                ForceReleaseRequestJson.class);

        assertThat(body.toRequest()).isEqualTo(new ReserveRequest("mediaagent", null, "sn"));
        assertThat(body.reason()).isEqualTo("checkout abandoned");
        assertThat(mapper.readTree(mapper.writeValueAsString(body))).isEqualTo(mapper.readTree("""
                {"type": "mediaagent", "serial_number": "sn", "reason": "checkout abandoned"}"""));
    }
}
