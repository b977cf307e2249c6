package io.devreg.spring.boot.health;

import io.devreg.spi.DeviceStore;
import io.devreg.spring.boot.DevregAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code devreg} health indicator ({@link DevregHealthIndicator}), when Spring Boot's health
 * support ({@code spring-boot-health}, which actuator brings) is on the class path, there is a
 * {@link DeviceStore}, {@code management.health.devreg.enabled} is not false, and the application
 * defines no bean named {@code devregHealthIndicator} itself.
 */
@AutoConfiguration(after = DevregAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnEnabledHealthIndicator.class)
@ConditionalOnBean(DeviceStore.class)
@ConditionalOnEnabledHealthIndicator("devreg")
public class DevregHealthAutoConfiguration {

    /** Made by Spring from the auto-configuration imports. */
    public DevregHealthAutoConfiguration() {
    }

    /** Health {@code devreg}: the contributor's name is the bean's, less "HealthIndicator". */
    @Bean
    @ConditionalOnMissingBean(name = "devregHealthIndicator")
    DevregHealthIndicator devregHealthIndicator(DeviceStore store) {
        return new DevregHealthIndicator(store);
    }
}
