package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.spi.StorageException;
import io.devreg.storage.memory.InMemoryDeviceStore;
import io.devreg.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RegistryListenerTest {

    private record Heard(String operation, Duration duration, @Nullable DeviceRegistryException failure) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final List<Integer> expired = new CopyOnWriteArrayList<>();
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-12-01T00:00:00Z"));
    private final InMemoryDeviceStore store = new InMemoryDeviceStore();
    private final DeviceRegistry registry = DeviceRegistry.builder().store(store).clock(clock)
            .listener(new RegistryListener() {
                @Override
                public void operationFinished(String operation, Duration duration,
                        @Nullable DeviceRegistryException failure) {
                    heard.add(new Heard(operation, duration, failure));
                }

                @Override
                public void holdsExpired(int count) {
                    expired.add(count);
                }
            }).build();

    @Test
    void everyOperationIsHeardWithItsNameItsDurationAndHowItEnded() {
        Device device = registry.register(NewDevice.builder("router").mac("02:00:00:00:00:01").build());
        DeviceRef ref = DeviceRef.id(device.id());
        registry.markAvailable(ref);
        assertThatThrownBy(() -> registry.release(ref)).isInstanceOf(DeviceException.class);
        assertThatThrownBy(() -> registry.reserve(new ReserveRequest(" ", null, null)))
                .isInstanceOf(ValidationException.class);
        registry.get(ref);

        assertThat(heard).extracting(Heard::operation)
                .containsExactly("register", "markAvailable", "release", "reserve", "get");
        assertThat(heard).allSatisfy(h -> assertThat(h.duration().isNegative()).isFalse());
        assertThat(heard.get(0).failure()).isNull();
        assertThat(heard.get(2).failure()).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_AVAILABLE));
        assertThat(heard.get(3).failure()).isInstanceOf(ValidationException.class);
    }

    @Test
    void aStoreFailureIsHeardAndThrownOn() {
        store.close();

        assertThatThrownBy(() -> registry.get(DeviceRef.id(1))).isInstanceOf(StorageException.class);

        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h.operation()).isEqualTo("get");
            assertThat(h.failure()).isInstanceOf(StorageException.class);
        });
    }

    @Test
    void aViewsOperationsAreHeardTooAndExpiredHoldsAreCounted() {
        DeviceRegistry view = registry.with(RequestContext.builder().actor("ops").build());
        for (int i = 1; i <= 3; i++) {
            Device device = view.register(NewDevice.builder("router").serialNumber("sn-" + i).build());
            view.markAvailable(DeviceRef.id(device.id()));
            view.reserve(DeviceRef.id(device.id()), Hold.of("h", Duration.ofMinutes(1)));
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(view.expireHolds(2)).isEqualTo(2);
        assertThat(view.expireHolds(10)).isEqualTo(1);
        assertThat(view.expireHolds(10)).isZero();

        assertThat(expired).containsExactly(2, 1);
        assertThat(heard).extracting(Heard::operation).endsWith("expireHolds", "expireHolds", "expireHolds")
                .contains("register", "markAvailable", "reserve");
    }

    @Test
    void aRegistryWithoutAListenerIsTheRegistryItself() {
        DeviceRegistry plain = DeviceRegistry.builder().store(store).build();

        assertThat(plain.getClass().getSimpleName()).isEqualTo("StoreBackedRegistry");
        assertThat(registry.getClass().getSimpleName()).isEqualTo("ObservedRegistry");
    }
}
