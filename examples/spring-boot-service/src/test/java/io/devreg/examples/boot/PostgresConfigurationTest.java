package io.devreg.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.storage.jdbc.Dialect;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.testsupport.EmbeddedPostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code spring.datasource.url} set, the starter keeps the service's registry in that database: here a
 * real PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PostgresConfigurationTest {

    /**
     * Started once, stopped when the JVM exits: after the service's context (closed after this class)
     * has closed its pool, which JUnit's own callbacks would not guarantee.
     */
    private static final EmbeddedPostgresServer POSTGRES = EmbeddedPostgresServer.shared();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", POSTGRES::jdbcUrl);
        properties.add("spring.datasource.username", () -> EmbeddedPostgresServer.USER);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    DeviceRegistry registry;

    @Autowired
    JdbcDeviceStore store;

    @Test
    void the_seeds_request_reserves_a_device_kept_in_postgresql() throws Exception {
        var device = registry.register(NewDevice.builder("mediaagent").mac("fake_mac_5").serialNumber("sn").build());
        registry.markAvailable(DeviceRef.id(device.id()));
        JsonMapper json = JsonMapper.builder().build();

        HttpResponse<String> reserved = reserve();
        HttpResponse<String> again = reserve();

        assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(reserved.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(reserved.body());
        assertThat(body.get("status").asString()).isEqualTo("reserve");
        assertThat(body.get("id").asLong()).isEqualTo(device.id());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json.readTree(again.body()).get("code").asInt()).isEqualTo(33599);
    }

    private HttpResponse<String> reserve() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/billing/devices/reserve"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"type": "mediaagent", "mac": "fake_mac_5", "serial_number": "sn"}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
