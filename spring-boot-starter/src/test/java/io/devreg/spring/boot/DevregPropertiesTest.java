package io.devreg.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceRegistryBuilder;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import io.devreg.ValidationException;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import io.devreg.storage.jdbc.SchemaMode;
import io.devreg.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code devreg.*} properties reach the store and the registry; customizers come after them. */
class DevregPropertiesTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at(T0);

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DevregAutoConfiguration.class))
                .withPropertyValues("devreg.embedded.directory=" + directory, "devreg.housekeeping.enabled=false");
    }

    /** With the test's clock, by a customizer. */
    private ApplicationContextRunner runnerOnTheClock() {
        return runner().withBean(DeviceRegistryBuilderCustomizer.class, () -> builder -> builder.clock(clock));
    }

    @Test
    void everyPropertyIsBound() {
        runner().withPropertyValues("devreg.store=memory", "devreg.embedded.directory=/var/lib/devreg",
                "devreg.jdbc.table-prefix=billing_", "devreg.jdbc.schema-mode=validate",
                "devreg.jdbc.cache.mode=bounded-staleness", "devreg.jdbc.cache.maximum-devices=500",
                "devreg.jdbc.cache.max-staleness=5s", "devreg.holds.default-ttl=15m", "devreg.holds.max-lifetime=2h",
                "devreg.idempotency.retention=1h", "devreg.housekeeping.interval=1m", "devreg.housekeeping.batch-size=50",
                "devreg.metrics.device-count-interval=10s").run(context -> {
                    DevregProperties properties = context.getBean(DevregProperties.class);
                    assertThat(properties.getStore()).isEqualTo(DevregProperties.StoreType.MEMORY);
                    assertThat(properties.getEmbedded().getDirectory()).isEqualTo(Path.of("/var/lib/devreg"));
                    assertThat(properties.getJdbc().getTablePrefix()).isEqualTo("billing_");
                    assertThat(properties.getJdbc().getSchemaMode()).isEqualTo(SchemaMode.VALIDATE);
                    assertThat(properties.getJdbc().getCache().getMode())
                            .isEqualTo(DevregProperties.CacheMode.BOUNDED_STALENESS);
                    assertThat(properties.getJdbc().getCache().getMaximumDevices()).isEqualTo(500);
                    assertThat(properties.getJdbc().getCache().getMaxStaleness()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.getHolds().getDefaultTtl()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(properties.getHolds().getMaxLifetime()).isEqualTo(Duration.ofHours(2));
                    assertThat(properties.getIdempotency().getRetention()).isEqualTo(Duration.ofHours(1));
                    assertThat(properties.getHousekeeping().isEnabled()).isFalse();
                    assertThat(properties.getHousekeeping().getInterval()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(properties.getHousekeeping().getBatchSize()).isEqualTo(50);
                    assertThat(properties.getMetrics().getDeviceCountInterval()).isEqualTo(Duration.ofSeconds(10));
                });
    }

    @Test
    void theDefaultsAreDevregsOwn() {
        DevregProperties defaults = new DevregProperties();
        assertThat(defaults.getStore()).isEqualTo(DevregProperties.StoreType.AUTO);
        assertThat(defaults.getHolds().getDefaultTtl()).isNull();
        assertThat(defaults.getHolds().getMaxLifetime()).isEqualTo(DeviceRegistryBuilder.DEFAULT_MAX_HOLD_LIFETIME);
        assertThat(defaults.getIdempotency().getRetention()).isEqualTo(DeviceRegistryBuilder.DEFAULT_IDEMPOTENCY_RETENTION);
        assertThat(defaults.getJdbc().getSchemaMode()).isEqualTo(SchemaMode.CREATE);
        assertThat(defaults.getJdbc().getCache().getMode()).isEqualTo(DevregProperties.CacheMode.NONE);
        assertThat(defaults.getHousekeeping().isEnabled()).isTrue();
    }

    @Test
    void holdPropertiesReachTheRegistry() {
        runnerOnTheClock().withPropertyValues("devreg.store=memory", "devreg.holds.default-ttl=15m",
                "devreg.holds.max-lifetime=1h")
                .run(context -> {
                    DeviceRegistry registry = context.getBean(DeviceRegistry.class);
                    DeviceRef ref = available(registry);

                    Device held = registry.reserve(ref);
                    assertThat(held.reservation().expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
                    registry.release(ref);
                    assertThatThrownBy(() -> registry.reserve(ref, Hold.of("checkout-1", Duration.ofMinutes(61))))
                            .isInstanceOf(ValidationException.class);
                });
    }

    @Test
    void theIdempotencyRetentionReachesTheRegistry() {
        runnerOnTheClock().withPropertyValues("devreg.store=memory", "devreg.idempotency.retention=1h").run(context -> {
            DeviceRegistry registry = context.getBean(DeviceRegistry.class);
            registry.with(RequestContext.builder().idempotencyKey("key-1").build())
                    .register(NewDevice.builder("router").serialNumber("sn-1").build());

            clock.advance(Duration.ofMinutes(59));
            assertThat(registry.purgeIdempotencyKeys(10)).isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(registry.purgeIdempotencyKeys(10)).isEqualTo(1);
        });
    }

    @Test
    void jdbcPropertiesReachTheStore() {
        runner().withUserConfiguration(DevregAutoConfigurationTest.FileDataSource.class)
                .withPropertyValues("devreg.jdbc.cache.mode=bounded-staleness", "devreg.jdbc.cache.maximum-devices=500",
                        "devreg.jdbc.cache.max-staleness=5s")
                .run(context -> assertThat(context.getBean(DeviceStore.class).toString())
                        .contains("ReadCache[maximumDevices=500, maxStaleness=PT5S]"));
        runner().withUserConfiguration(DevregAutoConfigurationTest.FileDataSource.class)
                .withPropertyValues("devreg.jdbc.cache.mode=single-writer", "devreg.jdbc.cache.maximum-devices=20")
                .run(context -> assertThat(context.getBean(DeviceStore.class).toString())
                        .contains("ReadCache[maximumDevices=20, single writer]"));
        runner().withUserConfiguration(DevregAutoConfigurationTest.FileDataSource.class)
                .withPropertyValues("devreg.jdbc.schema-mode=validate")
                .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(StorageException.class)
                        .hasMessageContaining("is missing migrations"));
    }

    @Test
    void aWrongValueStopsTheApplicationAtStartup() {
        // the default TTL may not exceed the maximum lifetime (stated here, not left to devreg's 24-hour default)
        runner().withPropertyValues("devreg.store=memory", "devreg.holds.max-lifetime=2h", "devreg.holds.default-ttl=3h")
                .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("longer than the maximum hold lifetime"));
        runner().withPropertyValues("devreg.store=memory", "devreg.housekeeping.enabled=true",
                "devreg.housekeeping.batch-size=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("devreg.housekeeping.batch-size must be between 1 and 10000"));
    }

    @Test
    void customizersComeAfterThePropertiesInTheirOrder() {
        ManualClock later = ManualClock.at(T0.plus(Duration.ofDays(1)));
        runner().withPropertyValues("devreg.store=memory", "devreg.holds.max-lifetime=1h")
                .withUserConfiguration(Customizers.class)
                .withBean(ManualClock.class, () -> later)
                .run(context -> {
                    DeviceRegistry registry = context.getBean(DeviceRegistry.class);
                    Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());

                    assertThat(device.createdAt()).isEqualTo(later.instant());   // the later customizer's clock
                    registry.markAvailable(DeviceRef.id(device.id()));
                    registry.reserve(DeviceRef.id(device.id()), Hold.of("checkout-1", Duration.ofHours(3))); // 4h, not 1h
                });
    }

    private static DeviceRef available(DeviceRegistry registry) {
        DeviceRef ref = DeviceRef.id(registry.register(NewDevice.builder("router").serialNumber("sn-1").build()).id());
        registry.markAvailable(ref);
        return ref;
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        @Order(2)
        DeviceRegistryBuilderCustomizer laterClock(ManualClock later) {
            return builder -> builder.clock(later);
        }

        @Bean
        @Order(1)
        DeviceRegistryBuilderCustomizer longerHolds() {
            return builder -> builder.maxHoldLifetime(Duration.ofHours(4));
        }
    }
}
