package io.devreg.spring.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.RegistryListener;
import io.devreg.ReserveRequest;
import io.devreg.ValidationException;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import io.devreg.spring.boot.DevregAutoConfiguration;
import io.devreg.spring.boot.DeviceRegistryBuilderCustomizer;
import io.devreg.spring.boot.Eventually;
import io.devreg.testkit.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The meters, counted after real operations on the embedded store, in Spring Boot's own
 * {@code SimpleMeterRegistry} (its metrics auto-configuration, as an application with actuator has it).
 */
class DevregMetricsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at(T0);

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        DevregAutoConfiguration.class, DevregMetricsAutoConfiguration.class))
                .withPropertyValues("devreg.embedded.directory=" + directory, "devreg.housekeeping.enabled=false",
                        "devreg.metrics.device-count-interval=1h")
                .withBean(DeviceRegistryBuilderCustomizer.class, () -> builder -> builder.clock(clock));
    }

    @Test
    void everyOperationIsTimedByOperationAndOutcome() {
        runner().run(context -> {
            DeviceRegistry registry = context.getBean(DeviceRegistry.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            DeviceRef ref = DeviceRef.id(registry.register(NewDevice.builder("router").serialNumber("sn-1").build()).id());
            registry.markAvailable(ref);
            registry.reserve(ref);
            assertThatThrownBy(() -> registry.reserve(ref)).isInstanceOf(DeviceException.class);
            assertThatThrownBy(() -> registry.reserve(ref)).isInstanceOf(DeviceException.class);
            assertThatThrownBy(() -> registry.reserve(new ReserveRequest(null, null, null)))
                    .isInstanceOf(ValidationException.class);
            context.getBean(DeviceStore.class).close();
            assertThatThrownBy(() -> registry.get(ref)).isInstanceOf(StorageException.class);

            assertThat(count(meters, "register", "ok")).isEqualTo(1);
            assertThat(count(meters, "markAvailable", "ok")).isEqualTo(1);
            assertThat(count(meters, "reserve", "ok")).isEqualTo(1);
            assertThat(count(meters, "reserve", "DEVICE_RESERVED")).isEqualTo(2);
            assertThat(count(meters, "reserve", "VALIDATION_FAILED")).isEqualTo(1);
            assertThat(count(meters, "get", "STORAGE_FAILED")).isEqualTo(1);
            assertThat(meters.get("devreg.operations").timers()).hasSize(6);
        });
    }

    @Test
    void holdsThatExpireHoldsEndedAreCounted() {
        runner().run(context -> {
            DeviceRegistry registry = context.getBean(DeviceRegistry.class);
            for (int i = 0; i < 3; i++) {
                DeviceRef ref = DeviceRef.id(registry.register(NewDevice.builder("router").serialNumber("sn-" + i)
                        .build()).id());
                registry.markAvailable(ref);
                registry.reserve(ref, Hold.of("checkout-" + i, Duration.ofMinutes(10)));
            }
            clock.advance(Duration.ofMinutes(10));

            assertThat(registry.expireHolds(10)).isEqualTo(3);
            assertThat(registry.expireHolds(10)).isZero();

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("devreg.holds.expired").counter().count()).isEqualTo(3);
            assertThat(count(meters, "expireHolds", "ok")).isEqualTo(2);
        });
    }

    @Test
    void theDevicesGaugeReportsTheLatestCountByStatus() {
        runner().run(context -> {
            DeviceRegistry registry = context.getBean(DeviceRegistry.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            DeviceStatusGauges gauges = context.getBean("devregDeviceStatusGauges", DeviceStatusGauges.class);
            // counted once when bound: an empty registry
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(devices(meters, DeviceStatus.AVAILABLE)).isZero());

            registry.register(NewDevice.builder("router").serialNumber("new").build());
            for (int i = 0; i < 2; i++) {
                registry.markAvailable(DeviceRef.id(registry.register(NewDevice.builder("router").serialNumber("sn-" + i)
                        .build()).id()));
            }
            assertThat(devices(meters, DeviceStatus.AVAILABLE)).isZero(); // not counted again yet

            gauges.refresh();

            assertThat(devices(meters, DeviceStatus.INITIALIZING)).isEqualTo(1);
            assertThat(devices(meters, DeviceStatus.AVAILABLE)).isEqualTo(2);
            assertThat(devices(meters, DeviceStatus.RESERVED)).isZero();
            assertThat(meters.get("devreg.devices").gauges()).hasSize(DeviceStatus.values().length);
        });
    }

    @Test
    void theDevicesGaugeIsRefreshedOnItsInterval() {
        runner().withPropertyValues("devreg.store=memory", "devreg.metrics.device-count-interval=50ms").run(context -> {
            DeviceRegistry registry = context.getBean(DeviceRegistry.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            registry.register(NewDevice.builder("router").serialNumber("sn-1").build());

            Eventually.within(Duration.ofSeconds(10),
                    () -> assertThat(devices(meters, DeviceStatus.INITIALIZING)).isEqualTo(1));
        });
    }

    @Test
    void aCountThatFailsLeavesTheGaugesUnknownUntilOneSucceeds() {
        DeviceStatusCounter[] answer = {() -> Map.of(DeviceStatus.AVAILABLE, 4L)};
        DeviceStatusGauges gauges = new DeviceStatusGauges(() -> answer[0].countByStatus(), Duration.ofHours(1));
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try {
            gauges.bindTo(meters);
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(devices(meters, DeviceStatus.AVAILABLE)).isEqualTo(4));

            answer[0] = () -> {
                throw new StorageException("the database is down");
            };
            gauges.refresh();
            assertThat(devices(meters, DeviceStatus.AVAILABLE)).isNaN();

            answer[0] = () -> Map.of(DeviceStatus.AVAILABLE, 5L);
            gauges.refresh();
            assertThat(devices(meters, DeviceStatus.AVAILABLE)).isEqualTo(5);
            assertThat(devices(meters, DeviceStatus.RESERVED)).isZero();
        } finally {
            gauges.close();
        }
    }

    @Test
    void theReadCacheIsMeteredByMicrometersCaffeineBinder() {
        runner().run(context -> {
            DeviceRegistry registry = context.getBean(DeviceRegistry.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            DeviceRef ref = DeviceRef.id(registry.register(NewDevice.builder("router").serialNumber("sn-1").build()).id());

            registry.get(ref);
            registry.get(ref);
            registry.get(ref);

            assertThat(meters.get("cache.gets").tags("cache", "devreg", "result", "hit").functionCounter().count())
                    .isEqualTo(2);
            assertThat(meters.get("cache.gets").tags("cache", "devreg", "result", "miss").functionCounter().count())
                    .isEqualTo(1);
            assertThat(meters.get("cache.size").tags("cache", "devreg").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void aStoreWithoutACacheHasNoCacheMeters() {
        runner().withPropertyValues("devreg.store=memory").run(context -> {
            assertThat(context.getBean(MeterRegistry.class).find("cache.gets").meters()).isEmpty();
            assertThat(context.getBean(MeterRegistry.class).find("devreg.devices").meters()).hasSize(5);
        });
    }

    @Test
    void theApplicationsOwnListenersHearEverythingToo() {
        int[] heard = {0};
        RegistryListener own = (operation, duration, failure) -> heard[0]++;
        runner().withBean("ownListener", RegistryListener.class, () -> own).run(context -> {
            context.getBean(DeviceRegistry.class).register(NewDevice.builder("router").serialNumber("sn-1").build());

            assertThat(heard[0]).isEqualTo(1);
            assertThat(count(context.getBean(MeterRegistry.class), "register", "ok")).isEqualTo(1);
        });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMetersAndTheRegistryStillWorks() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DevregAutoConfiguration.class, DevregMetricsAutoConfiguration.class))
                .withPropertyValues("devreg.store=memory")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(MicrometerRegistryListener.class)
                            .doesNotHaveBean("devregDeviceStatusGauges");
                    context.getBean(DeviceRegistry.class).register(NewDevice.builder("router").serialNumber("sn").build());
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DevregAutoConfiguration.class, DevregMetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("io.micrometer"))
                .withPropertyValues("devreg.store=memory")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DeviceRegistry.class));
    }

    private static long count(MeterRegistry meters, String operation, String outcome) {
        Timer timer = meters.find("devreg.operations").tags("operation", operation, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private static double devices(MeterRegistry meters, DeviceStatus status) {
        return meters.get("devreg.devices").tag("status", status.name()).gauge().value();
    }
}
