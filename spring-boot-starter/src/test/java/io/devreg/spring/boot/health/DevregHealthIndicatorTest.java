package io.devreg.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.spring.boot.DevregAutoConfiguration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the {@code devreg} health indicator exists, and what it says of each store. */
class DevregHealthIndicatorTest {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DevregAutoConfiguration.class, DevregHealthAutoConfiguration.class))
                .withPropertyValues("devreg.embedded.directory=" + directory, "devreg.housekeeping.enabled=false");
    }

    @Test
    void theEmbeddedStoreIsUpWithItsDialectSchemaVersionAndLatestFeedSequence() {
        runner().run(context -> {
            HealthIndicator indicator = context.getBean("devregHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getDetails()).containsEntry("latestFeedSequence", 0L);

            context.getBean(DeviceRegistry.class).register(NewDevice.builder("router").serialNumber("sn-1").build());

            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).isEqualTo(Map.of("dialect", "H2", "schemaVersion", 4,
                    "latestFeedSequence", 1L));
        });
    }

    @Test
    void aClosedStoreIsDown() {
        runner().run(context -> {
            context.getBean(io.devreg.spi.DeviceStore.class).close();

            Health health = context.getBean("devregHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("dialect", "H2").containsKey("error");
        });
    }

    @Test
    void theMemoryStoreIsAlwaysUp() {
        runner().withPropertyValues("devreg.store=memory").run(context -> {
            Health health = context.getBean("devregHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("store", "memory");
        });
    }

    @Test
    void itCanBeSwitchedOffLikeAnyHealthIndicator() {
        runner().withPropertyValues("management.health.devreg.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("devregHealthIndicator"));
        runner().withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("devregHealthIndicator"));
    }

    @Test
    void withoutSpringBootsHealthSupportThereIsNoneAndTheRegistryStillStarts() {
        runner().withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DeviceRegistry.class)
                        .doesNotHaveBean("devregHealthIndicator"));
    }

    @Test
    void anIndicatorOfTheApplicationsOwnReplacesIt() {
        HealthIndicator own = () -> Health.outOfService().build();
        runner().withBean("devregHealthIndicator", HealthIndicator.class, () -> own)
                .run(context -> assertThat(context.getBean("devregHealthIndicator")).isSameAs(own));
    }

    @Test
    void theApplicationsOwnRegistryWithoutAStoreHasNone() {
        runner().withBean(DeviceRegistry.class, io.devreg.testkit.TestDeviceRegistry::create)
                .run(context -> assertThat(context).doesNotHaveBean("devregHealthIndicator"));
    }
}
