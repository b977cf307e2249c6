package io.devreg.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A billing service that exposes devreg as the billing API's device endpoints
 * ({@link DeviceController}, {@link HoldController}, {@link UsageController}). The registry, its
 * store and their housekeeping, health and meters come from devreg's Spring Boot starter: the
 * embedded H2 store in {@code devreg.embedded.directory}, or a database named by
 * {@code spring.datasource.url}.
 */
@SpringBootApplication
public class BillingServiceApplication {

    /**
     * Starts the service.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=8080 --devreg.embedded.directory=/var/lib/devreg}
     */
    public static void main(String[] args) {
        SpringApplication.run(BillingServiceApplication.class, args);
    }
}
