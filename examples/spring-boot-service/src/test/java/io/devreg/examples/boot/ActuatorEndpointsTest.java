package io.devreg.examples.boot;

import static io.devreg.examples.boot.GivenDevices.given;
import static io.devreg.examples.boot.GivenDevices.identity;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What operators see of the service, from devreg's starter: {@code /actuator/health} with the
 * {@code devreg} indicator, and devreg's meters in {@code /actuator/prometheus}.
 */
class ActuatorEndpointsTest extends ServiceOnEmbeddedStore {

    @Test
    void health_shows_the_registrys_store_up_with_its_dialect_schema_and_feed() {
        given(registry, DeviceStatus.AVAILABLE); // a registration and a markAvailable in the feed

        HttpResponse<String> response = api.get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = BillingApi.JSON.readTree(response.body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode devreg = health.get("components").get("devreg");
        assertThat(devreg.get("status").asString()).isEqualTo("UP");
        assertThat(devreg.get("details").get("dialect").asString()).isEqualTo("H2");
        assertThat(devreg.get("details").get("schemaVersion").asInt()).isPositive();
        assertThat(devreg.get("details").get("latestFeedSequence").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void prometheus_scrapes_the_operations_by_outcome_and_the_devices_by_status() throws Exception {
        Device device = given(registry, DeviceStatus.AVAILABLE);
        assertThat(api.post("/reserve", "{" + identity(device) + "}").statusCode()).isEqualTo(200);
        assertThat(api.post("/reserve", "{" + identity(device) + "}").statusCode()).isEqualTo(400);

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .header("Accept", "text/plain").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("devreg_operations_seconds_count\\{[^}]*operation=\"reserve\",outcome=\"ok\"[^}]*} 1")
                .containsPattern("devreg_operations_seconds_count\\{[^}]*operation=\"reserve\","
                        + "outcome=\"DEVICE_RESERVED\"[^}]*} 1")
                .containsPattern("devreg_devices\\{[^}]*status=\"AVAILABLE\"[^}]*}")
                .contains("devreg_holds_expired_total");
    }
}
