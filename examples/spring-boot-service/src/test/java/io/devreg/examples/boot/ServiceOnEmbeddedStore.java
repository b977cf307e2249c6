package io.devreg.examples.boot;

import io.devreg.DeviceRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service started on a random port, its devices in an embedded store in a directory of the
 * test class's own (a fresh context per class), with the registry it serves and a client for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class ServiceOnEmbeddedStore {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embeddedStoreIn(DynamicPropertyRegistry properties) {
        properties.add("devreg.embedded.directory", () -> dataDir.toString());
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    DeviceRegistry registry;

    BillingApi api;

    @BeforeEach
    void api() {
        api = new BillingApi(port);
    }
}
