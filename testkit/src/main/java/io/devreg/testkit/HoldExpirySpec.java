package io.devreg.testkit;

import static io.devreg.DeviceOperation.EXPIRE;
import static io.devreg.DeviceOperation.RESERVE;
import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.Reservation;
import io.devreg.RowOutcome;
import io.devreg.RowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * How holds run out: active until just before their expiry, over at the instant itself; a device
 * whose hold ran out is available to every read (with its stored revision and last update) and to
 * every write, and the first write that touches it records an EXPIRE event before its own;
 * {@code expireHolds} records the expiries nobody touched, at most its limit at a time, each once.
 */
abstract class HoldExpirySpec extends HoldingSpec {

    // When a hold runs out

    @Test
    void aHoldIsActiveJustBeforeItsExpiryAndOverAtItsExpiryInstant() {
        Device held = held(1, "cart-1", TTL);
        Instant expiresAt = expiresAt(held);

        clock.set(expiresAt.minusNanos(1));
        assertThat(registry.get(ref(held))).isEqualTo(held);
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> holds.reserve(ref(held), Hold.of("cart-2", TTL)));

        clock.set(expiresAt);
        assertThat(registry.get(ref(held))).isEqualTo(available(held));
        Device taken = holds.reserve(ref(held), Hold.of("cart-2", TTL));
        assertThat(taken.reservation()).isEqualTo(new Reservation("cart-2", expiresAt, expiresAt.plus(TTL)));
    }

    @Test
    void aDeviceWhoseHoldRanOutReadsAvailableWithItsStoredRevisionAndLastUpdateEverywhere() {
        Device expired = held(1, "cart-1", TTL);
        Device lasting = held(2, "cart-2", MAX_LIFETIME);
        Device heldAnonymously = given(RESERVED, 3);
        List<DeviceEvent> feedBefore = feed();

        clock.set(expiresAt(expired).plusSeconds(1));

        Device read = available(expired);
        assertThat(registry.find(ref(expired))).contains(read);
        assertThat(registry.get(ref(expired))).isEqualTo(read);
        assertThat(holds.get(identity(1))).isEqualTo(read);
        assertThat(registry.list(DeviceQuery.builder().build()).items()).containsExactly(read, lasting, heldAnonymously);
        assertThat(registry.list(DeviceQuery.builder().status(AVAILABLE).build()).items()).containsExactly(read);
        assertThat(registry.list(DeviceQuery.builder().status(RESERVED).build()).items())
                .containsExactly(lasting, heldAnonymously);
        assertThat(registry.list(DeviceQuery.builder().status(RESERVED).limit(1).build()).items()).containsExactly(lasting);
        assertThat(registry.list(DeviceQuery.builder().status(AVAILABLE, ACTIVATED).type("router").build()).items())
                .containsExactly(read);
        assertThat(feed()).as("reads record nothing").isEqualTo(feedBefore);
        assertThat(registry.history(ref(expired))).last().extracting(DeviceEvent::operation).isEqualTo(RESERVE);
    }

    /** Writes that succeed on a device whose hold ran out, because it is available. */
    enum WriteAfterExpiry {
        RESERVE_BY_ANOTHER_HOLDER(RESERVED, "cart-2", TTL, null, (registry, ref) -> registry.reserve(ref, Hold.of("cart-2", TTL))),
        RESERVE_BY_THE_SAME_HOLDER(RESERVED, "cart-1", TTL, null, (registry, ref) -> registry.reserve(ref, Hold.of("cart-1", TTL))),
        RESERVE_ANONYMOUSLY(RESERVED, null, DEFAULT_TTL, null, DeviceRegistry::reserve),
        ACTIVATE(ACTIVATED, null, null, null, (registry, ref) -> registry.activate(ref, false)),
        ACTIVATE_ON_AN_ACCOUNT_BY_THE_FORMER_HOLDER(ACTIVATED, null, null, "acct-1",
                (registry, ref) -> registry.activate(ref, Activation.onAccount("acct-1", "cart-1")));

        final DeviceStatus to;
        final @Nullable String holder;
        final @Nullable Duration ttl;
        final @Nullable String account;
        final BiFunction<DeviceRegistry, DeviceRef, Device> call;

        WriteAfterExpiry(DeviceStatus to, @Nullable String holder, @Nullable Duration ttl, @Nullable String account,
                BiFunction<DeviceRegistry, DeviceRef, Device> call) {
            this.to = to;
            this.holder = holder;
            this.ttl = ttl;
            this.account = account;
            this.call = call;
        }

        DeviceOperation operation() {
            return to == RESERVED ? DeviceOperation.RESERVE : DeviceOperation.ACTIVATE;
        }
    }

    @TestFactory
    Stream<DynamicTest> theFirstWriteOnAHoldThatRanOutRecordsItsExpiryBeforeItsOwnEventAndBumpsTheRevisionForEach() {
        return eachCase(List.of(WriteAfterExpiry.values()), WriteAfterExpiry::name, (write, n) -> {
            Device expired = held(n, "cart-1", TTL);
            List<DeviceEvent> feedBefore = feed();
            clock.set(expiresAt(expired).plusSeconds(30));
            Instant now = now();

            Device written = write.call.apply(holds, ref(expired));

            Reservation hold = write.to == RESERVED
                    ? new Reservation(write.holder, now, now.plus(Objects.requireNonNull(write.ttl))) : null;
            assertThat(written).isEqualTo(changed(expired, write.to, now, expired.revision() + 2, hold, write.account));
            assertThat(registry.get(ref(expired))).isEqualTo(written);
            List<DeviceEvent> appended = appendedSince(feedBefore);
            assertEvents(appended,
                    event(expired, EXPIRE, RESERVED, AVAILABLE, now, "cart-1"),
                    new DeviceEvent(0, expired.id(), write.operation(), AVAILABLE, write.to, now, write.holder,
                            write.account, null, null, null));
            List<DeviceEvent> history = registry.history(ref(expired));
            assertThat(history.subList(history.size() - 2, history.size())).isEqualTo(appended);
        });
    }

    /** Writes that a device whose hold ran out refuses, because it is available. */
    enum RefusedAfterExpiry {
        EXTEND_BY_THE_HOLDER((registry, ref) -> registry.extend(ref, Hold.of("cart-1", TTL))),
        RELEASE_BY_THE_HOLDER((registry, ref) -> registry.release(ref, "cart-1")),
        RELEASE(DeviceRegistry::release),
        FORCE_RELEASE((registry, ref) -> registry.forceRelease(ref, "checkout abandoned")),
        MARK_AVAILABLE(DeviceRegistry::markAvailable),
        DEACTIVATE(DeviceRegistry::deactivate),
        COMPLETE_DEACTIVATION(DeviceRegistry::completeDeactivation);

        final BiFunction<DeviceRegistry, DeviceRef, Device> call;

        RefusedAfterExpiry(BiFunction<DeviceRegistry, DeviceRef, Device> call) {
            this.call = call;
        }
    }

    @TestFactory
    Stream<DynamicTest> aWriteThatNeedsAHoldOrAnotherStatusIsRefusedWithDeviceAvailableOnceTheHoldRanOut() {
        return eachCase(List.of(RefusedAfterExpiry.values()), RefusedAfterExpiry::name, (write, n) -> {
            Device expired = held(n, "cart-1", TTL);
            List<DeviceEvent> feedBefore = feed();
            clock.set(expiresAt(expired));
            Instant now = now();

            DeviceException refused = assertRefused(ErrorCode.DEVICE_AVAILABLE,
                    () -> write.call.apply(holds, ref(expired)));

            assertThat(refused.device()).hasValueSatisfying(device -> {
                assertThat(device.status()).isEqualTo(AVAILABLE);
                assertThat(device.reservation()).isNull();
            });
            assertAtMostItsExpiryRecorded(expired, feedBefore, now);
        });
    }

    /** A refused write may or may not record the expiry of the hold it found expired; nothing else. */
    private void assertAtMostItsExpiryRecorded(Device expired, List<DeviceEvent> feedBefore, Instant now) {
        List<DeviceEvent> appended = appendedSince(feedBefore);
        if (appended.isEmpty()) {
            assertThat(registry.get(ref(expired))).isEqualTo(available(expired));
        } else {
            assertEvents(appended, event(expired, EXPIRE, RESERVED, AVAILABLE, now, "cart-1"));
            assertThat(registry.get(ref(expired)))
                    .isEqualTo(changed(expired, AVAILABLE, now, expired.revision() + 1, null, null));
        }
    }

    @Test
    void anUpdateOfADeviceWhoseHoldRanOutAnswersTheDeviceAsAReadReportsIt() {
        Device expired = held(1, "cart-1", TTL);
        clock.set(expiresAt(expired).plusSeconds(1));

        Device updated = holds.update(ref(expired), DeviceUpdate.builder().name("kiosk").build());

        assertThat(updated.status()).isEqualTo(AVAILABLE);
        assertThat(updated.reservation()).isNull();
        assertThat(updated.name()).isEqualTo("kiosk");
        assertThat(registry.get(ref(expired))).isEqualTo(updated);
    }

    @Test
    void aBulkUpdateOfADeviceWhoseHoldRanOutAnswersTheDeviceAsAReadReportsIt() {
        Device expired = held(1, "cart-1", TTL);
        Device alsoExpired = held(2, "cart-2", TTL);
        clock.set(expiresAt(alsoExpired).plusSeconds(1));

        List<RowResult> rows = holds.registerAll(List.of(
                NewDevice.builder("router").mac(mac(1)).serialNumber(serial(1)).name("kiosk").build(),
                NewDevice.builder("router").mac(mac(2)).serialNumber(serial(2)).build()),
                ImportMode.CREATE_OR_UPDATE).rows();

        assertThat(rows).extracting(RowResult::outcome).containsExactly(RowOutcome.UPDATED, RowOutcome.UNCHANGED);
        assertThat(rows.get(0).device()).isEqualTo(registry.get(ref(expired)));
        assertThat(rows.get(1).device()).isEqualTo(registry.get(ref(alsoExpired))).isEqualTo(available(alsoExpired));
        assertThat(rows).allSatisfy(row -> assertThat(Objects.requireNonNull(row.device()).status()).isEqualTo(AVAILABLE));
    }

    @Test
    void aDuplicateRegistrationAnswersTheDeviceWhoseHoldRanOutAsAReadReportsIt() {
        Device expired = held(1, "cart-1", TTL);
        clock.set(expiresAt(expired).plusSeconds(1));

        DeviceException refused = assertRefused(ErrorCode.DEVICE_ALREADY_REGISTERED,
                () -> holds.register(NewDevice.builder("router").serialNumber(serial(1)).build()));

        assertThat(refused.device()).contains(available(expired));
    }

    @Test
    void anExtendedHoldRunsOutAtItsNewExpiry() {
        Device held = held(1, "cart-1", TTL);
        clock.set(expiresAt(held).minusSeconds(1));
        Device extended = holds.extend(ref(held), Hold.of("cart-1", TTL));

        clock.set(expiresAt(held).plusSeconds(1));
        assertThat(registry.get(ref(held))).isEqualTo(extended);
        clock.set(expiresAt(extended));
        assertThat(registry.get(ref(held))).isEqualTo(available(extended));
    }

    // Recording expiries nobody touched

    @Test
    void expireHoldsEndsOnlyHoldsThatRanOutAtMostLimitAtATimeEachOnce() {
        Device first = held(1, "cart-1", Duration.ofMinutes(1));
        Device second = held(2, "cart-2", Duration.ofMinutes(2));
        Device anonymous = given(AVAILABLE, 3);
        tick();
        anonymous = holds.reserve(ref(anonymous));
        Device touched = held(4, "cart-4", Duration.ofMinutes(4));
        Device third = held(5, "cart-5", Duration.ofMinutes(5));
        Device lasting = held(6, "cart-6", Duration.ofHours(1));
        Device eternal = given(RESERVED, 7);
        Device available = given(AVAILABLE, 8);
        clock.set(START.plus(Duration.ofMinutes(20)));
        Device retaken = holds.reserve(ref(touched), Hold.of("cart-9", Duration.ofHours(1)));
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        int firstCall = holds.expireHolds(2);
        int secondCall = holds.expireHolds(10);
        int thirdCall = holds.expireHolds(10);

        assertThat(List.of(firstCall, secondCall, thirdCall)).containsExactly(2, 2, 0);
        List<DeviceEvent> appended = appendedSince(feedBefore);
        assertEventsInAnyOrder(appended,
                event(first, EXPIRE, RESERVED, AVAILABLE, now, "cart-1"),
                event(second, EXPIRE, RESERVED, AVAILABLE, now, "cart-2"),
                event(anonymous, EXPIRE, RESERVED, AVAILABLE, now, null),
                event(third, EXPIRE, RESERVED, AVAILABLE, now, "cart-5"));
        for (Device ended : List.of(first, second, anonymous, third)) {
            assertThat(registry.get(ref(ended))).isEqualTo(changed(ended, AVAILABLE, now, ended.revision() + 1, null, null));
            assertThat(registry.history(ref(ended))).last().extracting(DeviceEvent::operation).isEqualTo(EXPIRE);
        }
        for (Device untouched : List.of(retaken, lasting, eternal, available)) {
            assertThat(registry.get(ref(untouched))).isEqualTo(untouched);
        }
    }

    @Test
    void expireHoldsTakesALimitFrom1To10000() {
        assertInvalid(() -> holds.expireHolds(0), "limit");
        assertInvalid(() -> holds.expireHolds(10_001), "limit");
        assertThat(holds.expireHolds(10_000)).isZero();
    }
}
