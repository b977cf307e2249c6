package io.devreg.spring.boot.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import io.devreg.spi.DeviceStore;
import io.devreg.spring.boot.DevregAutoConfiguration;
import io.devreg.spring.boot.DevregProperties;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * devreg's Micrometer meters, when the application has a {@link MeterRegistry} (Spring Boot's metrics
 * support, which actuator brings, makes one):
 * <ul>
 *   <li>{@link MicrometerRegistryListener}: {@code devreg.operations} and {@code devreg.holds.expired},
 *       as a {@link io.devreg.RegistryListener} that {@link DevregAutoConfiguration} sets on the
 *       registry;</li>
 *   <li>{@link DeviceStatusGauges}: {@code devreg.devices}, when devreg can count the store's devices
 *       ({@link DeviceStatusCounter});</li>
 *   <li>the read cache of a {@link JdbcDeviceStore} through Micrometer's {@link CaffeineCacheMetrics}:
 *       {@code cache.gets}, {@code cache.puts}, {@code cache.evictions}, {@code cache.size}, ... tagged
 *       {@code cache=devreg}.</li>
 * </ul>
 * The binders are bound by Spring Boot's metrics auto-configuration, after its meter filters.
 */
@AutoConfiguration(after = {MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        DevregAutoConfiguration.class})
@ConditionalOnClass({MeterRegistry.class, MetricsAutoConfiguration.class})
@ConditionalOnBean(MeterRegistry.class)
public class DevregMetricsAutoConfiguration {

    /** The {@code cache} tag of the read cache's meters. */
    public static final String CACHE_NAME = "devreg";

    private static final Logger LOG = LoggerFactory.getLogger(DevregMetricsAutoConfiguration.class);

    /** Made by Spring from the auto-configuration imports. */
    public DevregMetricsAutoConfiguration() {
    }

    /** The timer and counter of the registry's operations. */
    @Bean
    @ConditionalOnMissingBean
    MicrometerRegistryListener devregMetricsListener(MeterRegistry registry) {
        return new MicrometerRegistryListener(registry);
    }

    /**
     * The {@code devreg.devices} gauges, counted by the application's {@link DeviceStatusCounter} bean or
     * else by the store's own ({@link DeviceStatusCounter#of}); none when neither exists.
     */
    @Bean
    @ConditionalOnMissingBean(name = "devregDeviceStatusGauges")
    @ConditionalOnBean(DeviceStore.class)
    MeterBinder devregDeviceStatusGauges(DeviceStore store, ObjectProvider<DeviceStatusCounter> counter,
            DevregProperties properties) {
        Optional<DeviceStatusCounter> counting = Optional.ofNullable(counter.getIfAvailable())
                .or(() -> DeviceStatusCounter.of(store, Clock.systemUTC()));
        if (counting.isEmpty()) {
            LOG.info("devreg cannot count the devices of {}, so there is no devreg.devices gauge: define a"
                    + " DeviceStatusCounter bean to have one", store);
            return registry -> {
            };
        }
        return new DeviceStatusGauges(counting.get(), properties.getMetrics().getDeviceCountInterval());
    }

    /** The read cache's meters, when the store is a {@link JdbcDeviceStore} with a cache. */
    @Bean
    @ConditionalOnMissingBean(name = "devregCacheMetrics")
    @ConditionalOnBean(DeviceStore.class)
    MeterBinder devregCacheMetrics(DeviceStore store) {
        return registry -> {
            if (store instanceof JdbcDeviceStore jdbc) {
                jdbc.monitoring().readCache().ifPresent(cache -> bind(cache, registry));
            }
        };
    }

    private static <K, V> void bind(Cache<K, V> cache, MeterRegistry registry) {
        new CaffeineCacheMetrics<>(cache, CACHE_NAME, Tags.empty()).bindTo(registry);
    }
}
