package io.devreg.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A billing service that exposes devreg as the billing API's device endpoints
 * ({@link DeviceController}). Its registry lives in an embedded H2 database in
 * {@code devreg.data-dir} unless {@code devreg.jdbc-url} names a database ({@link RegistryConfiguration}).
 */
@SpringBootApplication
@EnableConfigurationProperties(DevregProperties.class)
public class BillingServiceApplication {

    /**
     * Starts the service.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=8080 --devreg.data-dir=/var/lib/devreg}
     */
    public static void main(String[] args) {
        SpringApplication.run(BillingServiceApplication.class, args);
    }
}
