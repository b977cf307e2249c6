package io.devreg.spring.boot;

import io.devreg.DeviceRegistryBuilder;

/**
 * Changes the builder of the auto-configured {@link io.devreg.DeviceRegistry} after the starter has
 * applied the {@code devreg.*} properties: for what properties cannot say, such as a
 * {@link java.time.Clock}. Every customizer bean is applied, in {@link org.springframework.core.Ordered}
 * order. A customizer that sets a {@link DeviceRegistryBuilder#listener listener} replaces the starter's
 * (the Micrometer meters among them).
 *
 * <pre>{@code
 * @Bean
 * DeviceRegistryBuilderCustomizer billingClock(Clock clock) {
 *     return builder -> builder.clock(clock);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface DeviceRegistryBuilderCustomizer {

    /** Changes {@code builder}; called once, before the registry is built. */
    void customize(DeviceRegistryBuilder builder);
}
