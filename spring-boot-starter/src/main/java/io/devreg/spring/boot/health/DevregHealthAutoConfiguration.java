package io.devreg.spring.boot.health;

import io.devreg.spi.DeviceStore;
import io.devreg.spring.boot.DevregAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code devreg} health indicator ({@link DevregHealthIndicator}), when Spring Boot's health
 * support ({@code spring-boot-health}, which actuator brings) is on the class path, there is a
 * {@link DeviceStore}, {@code management.health.devreg.enabled} is not false, and the application
 * defines no bean named {@code devregHealthIndicator} itself.
 *
 * <p>The class-path check stands alone on this class, and every other condition on a nested class:
 * Spring loads all the conditions of a class before it evaluates any, and the condition behind
 * {@code @ConditionalOnEnabledHealthIndicator} is itself a class of {@code spring-boot-health}. Side by
 * side with the class-path check it would fail to load exactly when the check should back off.
 */
@AutoConfiguration(after = DevregAutoConfiguration.class)
@ConditionalOnClass(name = DevregHealthAutoConfiguration.HEALTH_SUPPORT)
public class DevregHealthAutoConfiguration {

    /** A class of {@code spring-boot-health}: present exactly when Spring Boot's health support is. */
    static final String HEALTH_SUPPORT =
            "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator";

    /** Made by Spring from the auto-configuration imports. */
    public DevregHealthAutoConfiguration() {
    }

    /** The indicator, with the conditions that need {@code spring-boot-health} to be evaluated at all. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DeviceStore.class)
    @ConditionalOnEnabledHealthIndicator("devreg")
    static class DevregHealthIndicatorConfiguration {

        /** Health {@code devreg}: the contributor's name is the bean's, less "HealthIndicator". */
        @Bean
        @ConditionalOnMissingBean(name = "devregHealthIndicator")
        DevregHealthIndicator devregHealthIndicator(DeviceStore store) {
            return new DevregHealthIndicator(store);
        }
    }
}
