package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceException;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceRegistryException;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.RegistryListener;
import io.devreg.RequestContext;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A registry built with a {@link RegistryListener} answers every call exactly as the same registry
 * without one, and tells the listener each operation's name, how long it took (never longer than the
 * caller waited) and what it threw.
 */
class RegistryListenerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");
    private static final DeviceRef CAMERA = DeviceRef.identity("camera", null, "sn-1");

    /** What the listener was told, in order. */
    private record Finished(String operation, Duration duration, @Nullable DeviceRegistryException failure) {
    }

    private static final class Recording implements RegistryListener {
        final List<Finished> finished = new ArrayList<>();
        final List<Integer> expired = new ArrayList<>();

        @Override
        public void operationFinished(String operation, Duration duration, @Nullable DeviceRegistryException failure) {
            finished.add(new Finished(operation, duration, failure));
        }

        @Override
        public void holdsExpired(int count) {
            expired.add(count);
        }

        @Override
        public String toString() {
            return "the recording listener";
        }
    }

    private final ManualClock clock = ManualClock.at(T0);
    private final Recording listener = new Recording();
    private final DeviceRegistry plain = DeviceRegistry.builder().store(new InMemoryDeviceStore()).clock(clock).build();
    private final DeviceRegistry observed = DeviceRegistry.builder().store(new InMemoryDeviceStore()).clock(clock)
            .listener(listener).build();

    @Test
    void everyReadAndWriteAnswersAsTheSameRegistryWithoutAListener() {
        for (DeviceRegistry registry : List.of(plain, observed)) {
            registry.register(NewDevice.builder("camera").uuid(new UUID(1, 1)).serialNumber("sn-1").name("lobby").build());
            registry.markAvailable(CAMERA);
            registry.reserve(CAMERA, Hold.of("cart-7", Duration.ofMinutes(15)));
            clock.advance(Duration.ofMinutes(1));
            registry.activate(CAMERA, Activation.onAccount("acct-1", "cart-7"));
            clock.advance(Duration.ofHours(1));
            registry.deactivate(CAMERA);
            clock.set(T0);
        }

        assertThat(observed.find(CAMERA)).isEqualTo(plain.find(CAMERA)).isPresent();
        assertThat(observed.get(CAMERA)).isEqualTo(plain.get(CAMERA));
        assertThat(observed.list(DeviceQuery.builder().build()).items()).isEqualTo(plain.list(DeviceQuery.builder().build()).items())
                .hasSize(1);
        assertThat(observed.history(CAMERA)).isEqualTo(plain.history(CAMERA)).hasSize(5);
        assertThat(observed.events(0, 100)).isEqualTo(plain.events(0, 100)).hasSize(5);
        assertThat(observed.usage("acct-1", T0, T0.plus(Duration.ofDays(1))))
                .isEqualTo(plain.usage("acct-1", T0, T0.plus(Duration.ofDays(1)))).hasSize(1);
    }

    @Test
    void aPurgeAnswersHowManyKeysItDeleted() {
        RequestContext keyed = RequestContext.builder().idempotencyKey("k-1").build();
        observed.with(keyed).register(NewDevice.builder("camera").serialNumber("sn-1").build());
        clock.advance(Duration.ofHours(25)); // past the default retention of 24 hours

        assertThat(observed.purgeIdempotencyKeys(10)).isOne();
        assertThat(listener.finished).extracting(Finished::operation).endsWith("purgeIdempotencyKeys");
    }

    @Test
    void theListenerHearsEachOperationByNameWithItsDurationAndItsFailure() {
        observed.register(NewDevice.builder("camera").serialNumber("sn-1").build());
        long refusedAt = System.nanoTime();
        assertThatThrownBy(() -> observed.reserve(CAMERA, Hold.of("cart-7"))).isInstanceOf(DeviceException.class);
        Duration waitedForTheRefusal = Duration.ofNanos(System.nanoTime() - refusedAt);
        long before = System.nanoTime();
        Device available = observed.markAvailable(CAMERA);
        Duration waited = Duration.ofNanos(System.nanoTime() - before);

        assertThat(listener.finished).extracting(Finished::operation)
                .containsExactly("register", "reserve", "markAvailable");
        assertThat(listener.finished.get(1).duration()).isBetween(Duration.ZERO, waitedForTheRefusal);
        DeviceRegistryException refused = listener.finished.get(1).failure();
        assertThat(refused).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_INITIALIZING));
        Finished markAvailable = listener.finished.get(2);
        assertThat(markAvailable.duration()).as("no longer than the caller waited").isBetween(Duration.ZERO, waited);
        assertThat(markAvailable.failure()).isNull();
        assertThat(available.status()).isEqualTo(DeviceStatus.AVAILABLE);
    }

    @Test
    void aSweepThatEndsHoldsTellsTheListenerHowMany() {
        observed.register(NewDevice.builder("camera").serialNumber("sn-1").build());
        observed.markAvailable(CAMERA);
        observed.reserve(CAMERA, Hold.of("cart-7", Duration.ofMinutes(15)));
        assertThat(observed.expireHolds(10)).isZero();
        clock.advance(Duration.ofMinutes(16));

        assertThat(observed.expireHolds(10)).isOne();
        assertThat(listener.expired).containsExactly(1);
    }

    @Test
    void aViewWithARequestContextIsObservedToo() {
        DeviceRegistry view = observed.with(RequestContext.builder().actor("ops").reason("restock").build());
        view.register(NewDevice.builder("camera").serialNumber("sn-1").build());

        assertThat(listener.finished).extracting(Finished::operation).containsExactly("register");
        assertThat(observed.history(CAMERA)).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("ops");
            assertThat(event.reason()).isEqualTo("restock");
        });
    }

    @Test
    void itNamesTheRegistryAndTheListener() {
        assertThat(observed.toString()).contains("the recording listener");
    }
}
