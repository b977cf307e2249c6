package io.devreg.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import io.devreg.ValidationException;
import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import io.devreg.storage.memory.InMemoryDeviceStore;
import io.devreg.testkit.ManualClock;
import java.time.Duration;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The scheduled expiry of holds and purge of idempotency keys. */
class DevregHousekeepingTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private final ManualClock clock = ManualClock.at(T0);

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DevregAutoConfiguration.class))
                .withPropertyValues("devreg.store=memory", "devreg.housekeeping.interval=50ms")
                .withBean(DeviceRegistryBuilderCustomizer.class, () -> builder -> builder.clock(clock));
    }

    @Test
    void theScheduleEndsAHoldThatRanOutAndPurgesOldKeys() {
        runner().withPropertyValues("devreg.idempotency.retention=1h").run(context -> {
            assertThat(context).hasSingleBean(DevregHousekeeping.class);
            DeviceRegistry registry = context.getBean(DeviceRegistry.class);
            DeviceRegistry keyed = registry.with(RequestContext.builder().idempotencyKey("key-1").build());
            DeviceRef ref = DeviceRef.id(keyed.register(NewDevice.builder("router").serialNumber("sn-1").build()).id());
            registry.markAvailable(ref);
            registry.reserve(ref, Hold.of("checkout-1", Duration.ofMinutes(10)));

            // when the hold runs out and the key grows old, nobody touching either
            clock.advance(Duration.ofHours(2));

            // then the schedule records the expiry in the feed
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(registry.history(ref))
                    .extracting(DeviceEvent::operation).last().isEqualTo(DeviceOperation.EXPIRE));
            // and deletes the key: a retry with it is no longer answered from its record, but judged afresh
            Eventually.within(Duration.ofSeconds(10), () -> assertThatThrownBy(
                    () -> keyed.register(NewDevice.builder("router").serialNumber("sn-1").build()))
                    .isInstanceOfSatisfying(DeviceException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_ALREADY_REGISTERED)));
        });
    }

    @Test
    void housekeepingCanBeSwitchedOff() {
        runner().withPropertyValues("devreg.housekeeping.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DevregHousekeeping.class));
    }

    @Test
    void aRunThatFailsIsLoggedAndTheScheduleGoesOn() {
        // given a store whose first two expireHolds calls fail before they change anything, as during a
        // database outage (a listener could not stand in: it hears of an operation after its work is done)
        AtomicInteger expireCalls = new AtomicInteger();
        DeviceStore outage = failingFirst(2, "expireHolds", expireCalls, new InMemoryDeviceStore());
        DeviceRegistry registry = DeviceRegistry.builder().store(outage).clock(clock).build();
        DeviceRef ref = DeviceRef.id(registry.register(NewDevice.builder("router").serialNumber("sn-1").build()).id());
        registry.markAvailable(ref);
        registry.reserve(ref, Hold.of("checkout-1", Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        DevregHousekeeping housekeeping = new DevregHousekeeping(registry, Duration.ofMillis(20), 100);

        housekeeping.start();
        try {
            // then later runs still come, and the third ends the hold: only a call that got through can
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(registry.history(ref))
                    .extracting(DeviceEvent::operation).contains(DeviceOperation.EXPIRE));
            assertThat(expireCalls.get()).isGreaterThanOrEqualTo(3);
        } finally {
            housekeeping.stop();
        }
        assertThat(housekeeping.isRunning()).isFalse();
    }

    /** {@code store}, except that its first {@code failures} calls of {@code method} throw (all counted in {@code calls}). */
    private static DeviceStore failingFirst(int failures, String method, AtomicInteger calls, DeviceStore store) {
        InvocationHandler handler = (proxy, invoked, args) -> {
            if (invoked.getName().equals(method) && calls.incrementAndGet() <= failures) {
                throw new StorageException("the database is down");
            }
            try {
                return invoked.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (DeviceStore) Proxy.newProxyInstance(DeviceStore.class.getClassLoader(), new Class<?>[] {DeviceStore.class},
                handler);
    }

    @Test
    void aRunWorksOffABacklogLargerThanOneBatch() {
        DeviceRegistry registry = DeviceRegistry.builder().store(new InMemoryDeviceStore()).clock(clock).build();
        for (int i = 0; i < 25; i++) {
            DeviceRef ref = DeviceRef.id(registry.register(NewDevice.builder("router").serialNumber("sn-" + i).build())
                    .id());
            registry.markAvailable(ref);
            registry.reserve(ref, Hold.of("checkout-" + i, Duration.ofMinutes(10)));
        }
        clock.advance(Duration.ofMinutes(10));

        new DevregHousekeeping(registry, Duration.ofMinutes(1), 10).runOnce();

        List<DeviceEvent> feed = registry.events(0, 1000);
        assertThat(feed).filteredOn(event -> event.operation() == DeviceOperation.EXPIRE).hasSize(25);
        assertThat(registry.expireHolds(10)).isZero();
    }

    @Test
    void theBatchSizeIsBoundByWhatTheRegistryTakes() {
        DeviceRegistry registry = DeviceRegistry.builder().store(new InMemoryDeviceStore()).build();
        registry.expireHolds(DevregHousekeeping.MAX_BATCH_SIZE);
        registry.purgeIdempotencyKeys(DevregHousekeeping.MAX_BATCH_SIZE);
        assertThatThrownBy(() -> registry.expireHolds(DevregHousekeeping.MAX_BATCH_SIZE + 1))
                .isInstanceOf(ValidationException.class);

        assertThatThrownBy(() -> new DevregHousekeeping(registry, Duration.ofMinutes(1),
                DevregHousekeeping.MAX_BATCH_SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DevregHousekeeping(registry, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
