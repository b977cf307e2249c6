package io.devreg.testkit;

import static io.devreg.DeviceOperation.REGISTER;
import static io.devreg.DeviceOperation.RESERVE;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.INITIALIZING;
import static io.devreg.DeviceStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import io.devreg.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Idempotent writes, through a view whose {@link RequestContext} has a key: for every write in each of
 * its forms ({@link KeyedWrite}), a replay with the key answers the first result and changes nothing
 * and another request with the key fails with {@code IDEMPOTENCY_KEY_REUSED}; refused and invalid
 * writes record nothing; keys are kept for their retention, then purged; sixteen callers with one
 * key make one write. Actor, reason and key on events are {@link RequestContextSpec}'s.
 */
abstract class IdempotencySpec extends StoreSpec {

    static final Duration TTL = KeyedWrite.Terms.TTL;
    static final Duration RETENTION = Duration.ofHours(1);
    static final int RACERS = 16;
    static final int RACE_ROUNDS = 5;

    static RequestContext key(String key) {
        return RequestContext.builder().idempotencyKey(key).build();
    }

    Optional<Device> find(int n) {
        return registry.find(identity(n));
    }

    // Replays

    @TestFactory
    Stream<DynamicTest> aReplayWithTheSameKeyAndTheSameRequestReturnsTheFirstResultAndChangesNothing() {
        return KeyedWrite.each((write, n) -> {
            write.prepare(this, n);
            DeviceRegistry keyed = registry.with(key(write.key()));
            tick();
            Device first = write.apply(keyed, n);
            Device stored = registry.get(identity(n));
            List<DeviceEvent> feedAfterFirst = feed();

            tick();
            Device replay = write.apply(keyed, n);
            tick();
            Device replayThroughAnotherView = write.apply(registry.with(RequestContext.builder()
                    .idempotencyKey(write.key()).actor("retrier").build()), n);

            assertThat(first).isEqualTo(stored);
            assertThat(replay).isEqualTo(first);
            assertThat(replayThroughAnotherView).isEqualTo(first);
            assertThat(registry.get(identity(n))).isEqualTo(stored);
            assertThat(feed()).isEqualTo(feedAfterFirst);
        });
    }

    @Test
    void aReplayAfterTheDeviceChangedStillReturnsTheRecordedResultAndChangesNothing() {
        Device available = given(AVAILABLE, 1);
        DeviceRegistry keyed = registry.with(key("key-1"));
        tick();
        Device reserved = keyed.reserve(ref(available), Hold.of("cart-1", TTL));
        tick();
        Device released = registry.release(ref(available));
        List<DeviceEvent> feedBefore = feed();
        tick();

        Device replay = keyed.reserve(ref(available), Hold.of("cart-1", TTL));

        assertThat(replay).isEqualTo(reserved);
        assertThat(registry.get(ref(available))).isEqualTo(released);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void aRegistrationRetriedWithTheDeviceBuiltAgainIsTheSameRequest() {
        NewDevice.Builder device = NewDevice.builder("router").mac(mac(1)).name("kiosk");
        NewDevice firstTry = device.build();
        NewDevice secondTry = device.build();
        DeviceRegistry keyed = registry.with(key("key-1"));
        tick();
        Device registered = keyed.register(firstTry);
        List<DeviceEvent> feedBefore = feed();
        tick();

        Device retried = keyed.register(secondTry);

        assertThat(firstTry.uuidGiven()).isFalse();
        assertThat(secondTry.uuid()).isNotEqualTo(firstTry.uuid());
        assertThat(retried).isEqualTo(registered);
        assertThat(registered.uuid()).isEqualTo(firstTry.uuid());
        assertThat(feed()).isEqualTo(feedBefore);
        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> keyed.register(NewDevice.builder("router").mac(mac(1))
                .name("kiosk").uuid(UUID.fromString("00000000-0000-4000-8000-000000000001")).build()));
    }

    // Another request with a used key

    @TestFactory
    Stream<DynamicTest> theSameKeyWithTheSameWriteOnAnotherDeviceFailsWithIdempotencyKeyReusedAndChangesNothing() {
        return KeyedWrite.each((write, n) -> {
            write.prepare(this, n);
            write.prepare(this, n + 1);
            DeviceRegistry keyed = registry.with(key(write.key()));
            tick();
            write.apply(keyed, n);
            Device first = registry.get(identity(n));
            Optional<Device> other = find(n + 1);
            List<DeviceEvent> feedBefore = feed();
            tick();

            DeviceException reused = assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> write.apply(keyed, n + 1));

            assertThat(reused.device()).isEmpty();
            assertThat(find(n + 1)).isEqualTo(other);
            assertThat(registry.get(identity(n))).isEqualTo(first);
            assertThat(feed()).isEqualTo(feedBefore);
        });
    }

    @TestFactory
    Stream<DynamicTest> theSameKeyWithAnotherWriteOnTheSameDeviceFailsWithIdempotencyKeyReusedAndChangesNothing() {
        return KeyedWrite.each((write, n) -> {
            write.prepare(this, n);
            DeviceRegistry keyed = registry.with(key(write.key()));
            tick();
            write.apply(keyed, n);
            Device first = registry.get(identity(n));
            List<DeviceEvent> feedBefore = feed();
            tick();
            // An update applies in every status: without the key, it would change the device.
            KeyedWrite another = write == KeyedWrite.UPDATE ? KeyedWrite.RESERVE_BY_REF : KeyedWrite.UPDATE;

            assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> another.apply(keyed, n));

            assertThat(registry.get(identity(n))).isEqualTo(first);
            assertThat(feed()).isEqualTo(feedBefore);
        });
    }

    @Test
    void theSameKeyWithOtherArgumentsFailsWithIdempotencyKeyReusedAndChangesNothing() {
        Device available = given(AVAILABLE, 1);
        DeviceRegistry reserving = registry.with(key("key-1"));
        DeviceRegistry updating = registry.with(key("key-2"));
        DeviceRegistry registering = registry.with(key("key-3"));
        tick();
        reserving.reserve(ref(available), Hold.of("cart-1", TTL));
        updating.update(ref(available), DeviceUpdate.builder().name("lobby").build());
        Device registered = registering.register(NewDevice.builder("router").serialNumber("sn-9").name("a").build());
        Device current = registry.get(ref(available));
        List<DeviceEvent> feedBefore = feed();
        tick();

        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                () -> reserving.reserve(ref(available), Hold.of("cart-1", TTL.plusMinutes(1))));
        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> reserving.reserve(ref(available), Hold.of("cart-2", TTL)));
        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> reserving.reserve(ref(available)));
        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                () -> updating.update(ref(available), DeviceUpdate.builder().name("kiosk").build()));
        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                () -> updating.update(ref(available), DeviceUpdate.builder().name("lobby").online(true).build()));
        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                () -> registering.register(NewDevice.builder("router").serialNumber("sn-9").name("b").build()));

        assertThat(registry.get(ref(available))).isEqualTo(current);
        assertThat(registry.get(ref(registered))).isEqualTo(registered);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void theSameKeyWithARequestForAnUnknownDeviceFailsWithIdempotencyKeyReused() {
        Device available = given(AVAILABLE, 1);
        DeviceRegistry keyed = registry.with(key("key-1"));
        tick();
        keyed.reserve(ref(available));
        DeviceRef unknown = DeviceRef.id(available.id() + 1000);

        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> keyed.reserve(unknown));
        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                () -> keyed.update(unknown, DeviceUpdate.builder().name("lobby").build()));
    }

    // Refused writes record nothing

    @TestFactory
    Stream<DynamicTest> aWriteRefusedForAMissingDeviceRecordsNothingSoARetryWithTheKeySucceedsOnceTheDeviceExists() {
        List<KeyedWrite> writes = Stream.of(KeyedWrite.values()).filter(write -> write != KeyedWrite.REGISTER).toList();
        return KeyedWrite.each(writes, (write, n) -> {
            DeviceRegistry keyed = registry.with(key(write.key()));
            assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> write.apply(keyed, n));
            Device prepared = write.prepare(this, n);
            tick();

            Device retried = write.apply(keyed, n);

            assertThat(retried).isEqualTo(registry.get(identity(n)));
            assertThat(retried.revision()).isEqualTo(Objects.requireNonNull(prepared).revision() + 1);
        });
    }

    @Test
    void aRefusedRegistrationRecordsNothing() {
        given(INITIALIZING, 1);
        DeviceRegistry keyed = registry.with(key("key-1"));
        tick();
        assertRefused(ErrorCode.DEVICE_ALREADY_REGISTERED, () -> KeyedWrite.REGISTER.apply(keyed, 1));
        tick();

        Device registered = KeyedWrite.REGISTER.apply(keyed, 2);

        assertThat(registered).isEqualTo(registry.get(identity(2)));
    }

    @Test
    void aWriteRefusedByTheDevicesStatusRecordsNothingSoARetryWithTheKeySucceedsOnceTheDeviceIsEligible() {
        Device initializing = given(INITIALIZING, 1);
        DeviceRegistry keyed = registry.with(key("key-1"));
        tick();
        assertRefused(ErrorCode.DEVICE_INITIALIZING, () -> keyed.reserve(ref(initializing), Hold.of("cart-1", TTL)));
        tick();
        registry.markAvailable(ref(initializing));
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        Device reserved = keyed.reserve(ref(initializing), Hold.of("cart-1", TTL));

        assertThat(reserved.reservation()).isEqualTo(new Reservation("cart-1", now, now.plus(TTL)));
        assertEvents(appendedSince(feedBefore), new DeviceEvent(0, initializing.id(), RESERVE, AVAILABLE, RESERVED, now,
                "cart-1", null, null, null, "key-1"));
    }

    @Test
    void aWriteRefusedBySomeoneElsesHoldRecordsNothingSoARetryWithTheKeySucceedsOnceTheHoldIsTheHolders() {
        Device available = given(AVAILABLE, 1);
        tick();
        registry.reserve(ref(available), Hold.of("cart-2", TTL));
        DeviceRegistry keyed = registry.with(key("key-1"));
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> keyed.release(ref(available), "cart-1"));
        tick();
        registry.release(ref(available), "cart-2");
        tick();
        registry.reserve(ref(available), Hold.of("cart-1", TTL));
        Instant now = tick();

        Device released = keyed.release(ref(available), "cart-1");

        assertThat(released.status()).isEqualTo(AVAILABLE);
        assertThat(released.lastUpdatedAt()).isEqualTo(now);
    }

    @Test
    void anInvalidWriteRecordsNothing() {
        Device available = given(AVAILABLE, 1);
        DeviceRegistry keyed = registry.with(key("key-1"));
        assertInvalid(() -> keyed.reserve(ref(available), Hold.of(" ", TTL)), "holder");
        tick();

        // Another request: had the invalid one been recorded, this would fail with IDEMPOTENCY_KEY_REUSED.
        Device reserved = keyed.reserve(ref(available), Hold.of("cart-1", TTL));

        assertThat(reserved.status()).isEqualTo(RESERVED);
    }

    // Retention

    DeviceRegistry retaining() {
        return DeviceRegistry.builder().store(store).clock(clock).idempotencyRetention(RETENTION).build();
    }

    @Test
    void aKeyIsNeverPurgedBeforeItsRetentionSoAReplayJustBeforeItStillReplays() {
        DeviceRegistry retaining = retaining();
        Device available = given(AVAILABLE, 1);
        Instant recordedAt = tick();
        DeviceRegistry keyed = retaining.with(key("key-1"));
        Device reserved = keyed.reserve(ref(available));
        tick();
        registry.release(ref(available)); // so that the reserve, made afresh, would apply
        List<DeviceEvent> feedBefore = feed();
        clock.set(recordedAt.plus(RETENTION).minusNanos(1000));

        assertThat(retaining.purgeIdempotencyKeys(100)).isZero();
        assertThat(keyed.reserve(ref(available))).isEqualTo(reserved);
        assertThat(registry.get(ref(available)).status()).isEqualTo(AVAILABLE);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void aKeyOlderThanItsRetentionIsPurgedAndThenServesANewWrite() {
        DeviceRegistry retaining = retaining();
        Device first = given(AVAILABLE, 1);
        Device second = given(AVAILABLE, 2);
        Instant recordedAt = tick();
        retaining.with(key("key-1")).reserve(ref(first));
        clock.set(recordedAt.plus(RETENTION).plusSeconds(1));

        assertThat(retaining.purgeIdempotencyKeys(100)).isEqualTo(1);
        assertThat(retaining.purgeIdempotencyKeys(100)).isZero();
        Instant now = tick();
        Device reserved = retaining.with(key("key-1")).reserve(ref(second));

        assertThat(reserved).isEqualTo(changed(second, RESERVED, now, second.revision() + 1,
                new Reservation(null, now, null), null));
    }

    @Test
    void aPurgeDeletesAtMostItsLimitOfTheKeysOlderThanTheRetentionAndKeepsTheYoungerOnes() {
        DeviceRegistry retaining = retaining();
        for (int n = 1; n <= 4; n++) {
            given(AVAILABLE, n);
        }
        Instant start = tick();
        for (int n = 1; n <= 3; n++) {
            tick();
            retaining.with(key("key-" + n)).reserve(identity(n));
        }
        clock.set(start.plus(Duration.ofMinutes(30)));
        retaining.with(key("key-4")).reserve(identity(4));
        clock.set(start.plus(RETENTION).plus(Duration.ofMinutes(1)));

        assertThat(retaining.purgeIdempotencyKeys(2)).isEqualTo(2);
        assertThat(retaining.purgeIdempotencyKeys(2)).isEqualTo(1);
        assertThat(retaining.purgeIdempotencyKeys(2)).isZero();
        assertRefused(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> retaining.with(key("key-4")).reserve(identity(1)));
        assertInvalid(() -> retaining.purgeIdempotencyKeys(0), "limit");
        assertInvalid(() -> retaining.purgeIdempotencyKeys(10_001), "limit");
    }

    // Concurrent calls with one key

    @Test
    void sixteenCallersWithOneKeyAndOneRequestMakeOneWriteAndAllReturnItsResult() throws Exception {
        DeviceRegistry another = DeviceRegistry.builder().store(store).clock(clock).build();
        for (int round = 0; round < RACE_ROUNDS; round++) {
            Device held = given(AVAILABLE, 2 * round + 1);
            Device reserved = given(AVAILABLE, 2 * round + 2);
            tick();
            RequestContext holding = key("hold-" + round);
            RequestContext reserving = key("reserve-" + round);
            RequestContext registering = key("register-" + round);
            String serial = "raced-" + round;

            List<Device> holds = race(racer -> racer.with(holding).reserve(ref(held), Hold.of("cart-1", TTL)), another);
            List<Device> reserves = race(racer -> racer.with(reserving).reserve(ref(reserved)), another);
            List<Device> registrations = race(racer -> racer.with(registering)
                    .register(NewDevice.builder("router").serialNumber(serial).build()), another);

            assertThat(holds).hasSize(RACERS).containsOnly(registry.get(ref(held)));
            assertThat(reserves).hasSize(RACERS).containsOnly(registry.get(ref(reserved)));
            Device registered = registry.get(DeviceRef.identity("router", null, serial));
            assertThat(registrations).hasSize(RACERS).containsOnly(registered);
            assertThat(registry.history(ref(held))).filteredOn(event -> event.operation() == RESERVE).hasSize(1);
            assertThat(registry.history(ref(reserved))).filteredOn(event -> event.operation() == RESERVE).hasSize(1);
            assertThat(registry.history(ref(registered))).hasSize(1);
        }
        assertThat(feed()).filteredOn(event -> event.operation() == REGISTER).hasSize(3 * RACE_ROUNDS);
    }

    /** Makes {@code call} on {@link #RACERS} threads at once, half through {@link #registry} and half through {@code another}. */
    private List<Device> race(Function<DeviceRegistry, Device> call, DeviceRegistry another)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        AtomicInteger racer = new AtomicInteger();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        Callable<@Nullable Device> task = () -> {
            DeviceRegistry mine = racer.getAndIncrement() % 2 == 0 ? registry : another;
            start.await(1, TimeUnit.MINUTES);
            try {
                return call.apply(mine);
            } catch (RuntimeException e) {
                unexpected.add(e);
                return null;
            }
        };
        List<@Nullable Device> results = onThreads(RACERS, task);
        assertThat(unexpected).isEmpty();
        return results.stream().map(Objects::requireNonNull).toList();
    }
}
