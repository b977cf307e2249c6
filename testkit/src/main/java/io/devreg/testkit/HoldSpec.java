package io.devreg.testkit;

import static io.devreg.DeviceOperation.ACTIVATE;
import static io.devreg.DeviceOperation.EXPIRE;
import static io.devreg.DeviceOperation.EXTEND;
import static io.devreg.DeviceOperation.FORCE_RELEASE;
import static io.devreg.DeviceOperation.RELEASE;
import static io.devreg.DeviceOperation.RESERVE;
import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.DEACTIVATING;
import static io.devreg.DeviceStatus.INITIALIZING;
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
import io.devreg.ReserveRequest;
import io.devreg.RowOutcome;
import io.devreg.RowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds with a holder and an expiry: how they are taken, extended, released and force-released, when
 * they run out, how a hold that ran out reads (available) and how its end is recorded (an EXPIRE
 * event, by the first write that touches it or by {@code expireHolds}), and the validation of holders
 * and TTLs. Times are set on the {@link ManualClock}; the lifecycle codes are {@link LifecycleStep}'s.
 */
abstract class HoldSpec extends StoreSpec {

    /** The TTL the tests' holds state. */
    static final Duration TTL = Duration.ofMinutes(10);
    /** The {@link #holds} registry's TTL for holds that state none. */
    static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    /** The {@link #holds} registry's maximum hold lifetime. */
    static final Duration MAX_LIFETIME = Duration.ofHours(2);

    /** A registry over the same store and clock whose holds expire: {@link #DEFAULT_TTL}, {@link #MAX_LIFETIME}. */
    DeviceRegistry holds;

    @BeforeEach
    final void buildHoldingRegistry() {
        holds = DeviceRegistry.builder().store(store).clock(clock).holdTtl(DEFAULT_TTL)
                .maxHoldLifetime(MAX_LIFETIME).build();
    }

    /** Device {@code n}, made available, then held by {@code holder} for {@code ttl}. */
    Device held(int n, String holder, Duration ttl) {
        Device available = given(AVAILABLE, n);
        tick();
        return holds.reserve(ref(available), Hold.of(holder, ttl));
    }

    static DeviceEvent event(Device device, DeviceOperation operation, DeviceStatus from, DeviceStatus to,
            Instant at, @Nullable String holder) {
        return new DeviceEvent(0, device.id(), operation, from, to, at, holder, null, null, null, null);
    }

    static Instant expiresAt(Device held) {
        return Objects.requireNonNull(Objects.requireNonNull(held.reservation()).expiresAt());
    }

    static ReserveRequest reserveRequest(int n) {
        return new ReserveRequest("router", mac(n), serial(n));
    }

    // Taking a hold

    @Test
    void aHoldRecordsItsHolderItsStartAndItsExpiry() {
        Device available = given(AVAILABLE, 1);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        Device reserved = holds.reserve(ref(available), Hold.of("cart-1", TTL));

        assertThat(reserved).isEqualTo(changed(available, RESERVED, now, available.revision() + 1,
                new Reservation("cart-1", now, now.plus(TTL)), null));
        assertThat(registry.get(ref(available))).isEqualTo(reserved);
        List<DeviceEvent> appended = appendedSince(feedBefore);
        assertEvents(appended, event(available, RESERVE, AVAILABLE, RESERVED, now, "cart-1"));
        assertThat(registry.history(ref(available))).last().isEqualTo(appended.get(0));
    }

    @Test
    void theSeedsReserveRequestTakesAHoldForAHolderToo() {
        Device available = given(AVAILABLE, "mediaagent", "AA:BB:CC:DD:EE:01", "sn-1");
        Instant now = tick();

        Device reserved = holds.reserve(new ReserveRequest(" mediaagent ", "aa-bb-cc-dd-ee-01", null),
                Hold.of("cart-1", TTL));

        assertThat(reserved).isEqualTo(changed(available, RESERVED, now, available.revision() + 1,
                new Reservation("cart-1", now, now.plus(TTL)), null));
    }

    @Test
    void aHoldThatStatesNoTtlLastsTheRegistrysHoldTtlAndSoDoesTheSeedsAnonymousReserve() {
        Device first = given(AVAILABLE, 1);
        Device second = given(AVAILABLE, 2);
        Device third = given(AVAILABLE, 3);

        Instant firstAt = tick();
        Device heldByHolder = holds.reserve(ref(first), Hold.of("cart-1"));
        Instant secondAt = tick();
        Device heldByRef = holds.reserve(ref(second));
        Instant thirdAt = tick();
        Device heldBySeedRequest = holds.reserve(reserveRequest(3));

        assertThat(heldByHolder.reservation()).isEqualTo(new Reservation("cart-1", firstAt, firstAt.plus(DEFAULT_TTL)));
        assertThat(heldByRef.reservation()).isEqualTo(new Reservation(null, secondAt, secondAt.plus(DEFAULT_TTL)));
        assertThat(heldBySeedRequest).isEqualTo(changed(third, RESERVED, thirdAt, third.revision() + 1,
                new Reservation(null, thirdAt, thirdAt.plus(DEFAULT_TTL)), null));
        List<DeviceEvent> history = registry.history(ref(second));
        assertEvents(history.subList(history.size() - 1, history.size()),
                event(second, RESERVE, AVAILABLE, RESERVED, secondAt, null));
    }

    @Test
    void withoutAnyTtlAHoldNeverExpires() {
        Device first = given(AVAILABLE, 1);
        Device second = given(AVAILABLE, 2);
        Instant now = tick();
        Device heldByHolder = registry.reserve(ref(first), Hold.of("cart-1"));
        Device heldAnonymously = registry.reserve(ref(second));
        List<DeviceEvent> feedBefore = feed();

        clock.advance(Duration.ofDays(3650));

        assertThat(heldByHolder.reservation()).isEqualTo(new Reservation("cart-1", now, null));
        assertThat(heldAnonymously.reservation()).isEqualTo(new Reservation(null, now, null));
        assertThat(registry.get(ref(first))).isEqualTo(heldByHolder);
        assertThat(holds.get(ref(second))).isEqualTo(heldAnonymously);
        assertThat(holds.expireHolds(100)).isZero();
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> holds.reserve(ref(first), Hold.of("cart-2")));
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void reservingAgainByTheSameHolderReturnsTheDeviceUnchangedWithNoEvent() {
        Device held = held(1, "cart-1", TTL);
        List<DeviceEvent> feedBefore = feed();

        tick();
        Device again = holds.reserve(ref(held), Hold.of("cart-1", TTL));
        tick();
        Device withAnotherTtl = holds.reserve(ref(held), Hold.of("cart-1", Duration.ofMinutes(30)));
        tick();
        Device bySeedRequest = holds.reserve(reserveRequest(1), Hold.of("cart-1"));

        assertThat(List.of(again, withAnotherTtl, bySeedRequest)).containsOnly(held);
        assertThat(registry.get(ref(held))).isEqualTo(held);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void anotherActiveHoldRefusesAReserveWithDeviceReservedAndChangesNothing() {
        Device held = held(1, "cart-1", TTL);
        Device heldAnonymously = given(RESERVED, 2);
        List<DeviceEvent> feedBefore = feed();
        tick();

        assertThat(assertRefused(ErrorCode.DEVICE_RESERVED,
                () -> holds.reserve(ref(held), Hold.of("cart-2", TTL))).device()).contains(held);
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> holds.reserve(reserveRequest(1), Hold.of("cart-2")));
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> holds.reserve(ref(held)));
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> holds.reserve(reserveRequest(1)));
        assertThat(assertRefused(ErrorCode.DEVICE_RESERVED,
                () -> holds.reserve(ref(heldAnonymously), Hold.of("cart-1", TTL))).device()).contains(heldAnonymously);

        assertThat(registry.get(ref(held))).isEqualTo(held);
        assertThat(registry.get(ref(heldAnonymously))).isEqualTo(heldAnonymously);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @TestFactory
    Stream<DynamicTest> aHoldOnADeviceInAnotherStatusIsRefusedWithTheVersion1Code() {
        return eachCase(List.of(INITIALIZING, ACTIVATED, DEACTIVATING), DeviceStatus::name, (status, n) -> {
            Device device = given(status, n);
            List<DeviceEvent> feedBefore = feed();
            tick();

            assertThat(assertRefused(LifecycleStep.refusedIn(status),
                    () -> holds.reserve(ref(device), Hold.of("cart-1", TTL))).device()).contains(device);
            assertRefused(LifecycleStep.refusedIn(status), () -> holds.reserve(reserveRequest(n), Hold.of("cart-1")));

            assertThat(registry.get(ref(device))).isEqualTo(device);
            assertThat(feed()).isEqualTo(feedBefore);
        });
    }

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

    // Extending

    @Test
    void theHolderExtendsItsHoldFromNowKeepingItsStart() {
        Device held = held(1, "cart-1", TTL);
        Instant reservedAt = Objects.requireNonNull(held.reservation()).reservedAt();
        List<DeviceEvent> feedBefore = feed();

        clock.advance(Duration.ofMinutes(5));
        Instant first = now();
        Device extended = holds.extend(ref(held), Hold.of("cart-1", Duration.ofMinutes(20)));
        clock.advance(Duration.ofMinutes(5));
        Instant second = now();
        Device extendedByDefault = holds.extend(ref(held), Hold.of("cart-1"));

        assertThat(extended).isEqualTo(changed(held, RESERVED, first, held.revision() + 1,
                new Reservation("cart-1", reservedAt, first.plus(Duration.ofMinutes(20))), null));
        assertThat(extendedByDefault).isEqualTo(changed(held, RESERVED, second, held.revision() + 2,
                new Reservation("cart-1", reservedAt, second.plus(DEFAULT_TTL)), null));
        assertThat(registry.get(ref(held))).isEqualTo(extendedByDefault);
        assertEvents(appendedSince(feedBefore),
                event(held, EXTEND, RESERVED, RESERVED, first, "cart-1"),
                event(held, EXTEND, RESERVED, RESERVED, second, "cart-1"));
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

    @Test
    void extendingSomeoneElsesHoldFailsWithDeviceReservedAndChangesNothing() {
        Device held = held(1, "cart-1", TTL);
        Device heldAnonymously = given(RESERVED, 2);
        List<DeviceEvent> feedBefore = feed();
        tick();

        assertThat(assertRefused(ErrorCode.DEVICE_RESERVED,
                () -> holds.extend(ref(held), Hold.of("cart-2", TTL))).device()).contains(held);
        assertThat(assertRefused(ErrorCode.DEVICE_RESERVED,
                () -> holds.extend(ref(heldAnonymously), Hold.of("cart-1", TTL))).device()).contains(heldAnonymously);

        assertThat(registry.get(ref(held))).isEqualTo(held);
        assertThat(registry.get(ref(heldAnonymously))).isEqualTo(heldAnonymously);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @TestFactory
    Stream<DynamicTest> extendingWithoutAnActiveHoldFailsWithTheCodeOfTheStatus() {
        return eachCase(List.of(INITIALIZING, AVAILABLE, ACTIVATED, DEACTIVATING), DeviceStatus::name, (status, n) -> {
            Device device = given(status, n);
            List<DeviceEvent> feedBefore = feed();
            tick();

            assertThat(assertRefused(LifecycleStep.refusedIn(status),
                    () -> holds.extend(ref(device), Hold.of("cart-1", TTL))).device()).contains(device);

            assertThat(registry.get(ref(device))).isEqualTo(device);
            assertThat(feed()).isEqualTo(feedBefore);
        });
    }

    @Test
    void anExtensionBeyondTheMaximumHoldLifetimeFailsWithHoldLifetimeExceededAndChangesNothing() {
        Device held = held(1, "cart-1", Duration.ofMinutes(110));
        Instant reservedAt = Objects.requireNonNull(held.reservation()).reservedAt();
        List<DeviceEvent> feedBefore = feed();
        clock.set(reservedAt.plus(Duration.ofMinutes(100)));

        DeviceException tooLong = assertRefused(ErrorCode.HOLD_LIFETIME_EXCEEDED,
                () -> holds.extend(ref(held), Hold.of("cart-1", Duration.ofMinutes(20).plusNanos(1000))));
        clock.set(reservedAt.plus(Duration.ofMinutes(106)));
        assertRefused(ErrorCode.HOLD_LIFETIME_EXCEEDED, () -> holds.extend(ref(held), Hold.of("cart-1")));

        assertThat(tooLong.device()).contains(held);
        assertThat(registry.get(ref(held))).isEqualTo(held);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void anExtensionUpToTheMaximumHoldLifetimeExactlyIsAllowed() {
        Device held = held(1, "cart-1", Duration.ofMinutes(110));
        Instant reservedAt = Objects.requireNonNull(held.reservation()).reservedAt();
        clock.set(reservedAt.plus(Duration.ofMinutes(100)));

        Device extended = holds.extend(ref(held), Hold.of("cart-1", Duration.ofMinutes(20)));

        assertThat(extended.reservation()).isEqualTo(new Reservation("cart-1", reservedAt, reservedAt.plus(MAX_LIFETIME)));
    }

    @Test
    void extendingWithNoTtlFromTheHoldOrTheRegistryFailsValidationOnTtl() {
        Device available = given(AVAILABLE, 1);
        tick();
        Device held = registry.reserve(ref(available), Hold.of("cart-1", TTL));
        List<DeviceEvent> feedBefore = feed();
        tick();

        assertInvalid(() -> registry.extend(ref(held), Hold.of("cart-1")), "ttl");

        assertThat(registry.get(ref(held))).isEqualTo(held);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    // Releasing

    @Test
    void theHolderReleasesItsHold() {
        Device held = held(1, "cart-1", TTL);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        Device released = holds.release(ref(held), "cart-1");

        assertThat(released).isEqualTo(changed(held, AVAILABLE, now, held.revision() + 1, null, null));
        assertThat(registry.get(ref(held))).isEqualTo(released);
        assertEvents(appendedSince(feedBefore), event(held, RELEASE, RESERVED, AVAILABLE, now, "cart-1"));
    }

    @Test
    void releasingSomeoneElsesHoldFailsWithDeviceReservedAndWithoutAHoldWithTheCodeOfTheStatus() {
        Device held = held(1, "cart-1", TTL);
        Device heldAnonymously = given(RESERVED, 2);
        Device available = given(AVAILABLE, 3);
        Device activated = given(ACTIVATED, 4);
        List<DeviceEvent> feedBefore = feed();
        tick();

        assertThat(assertRefused(ErrorCode.DEVICE_RESERVED,
                () -> holds.release(ref(held), "cart-2")).device()).contains(held);
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> holds.release(ref(heldAnonymously), "cart-1"));
        assertRefused(ErrorCode.DEVICE_AVAILABLE, () -> holds.release(ref(available), "cart-1"));
        assertRefused(ErrorCode.DEVICE_ALREADY_ACTIVATED, () -> holds.release(ref(activated), "cart-1"));

        assertThat(registry.get(ref(held))).isEqualTo(held);
        assertThat(registry.get(ref(heldAnonymously))).isEqualTo(heldAnonymously);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void theVersion1ReleaseEndsAnyHoldAnonymousOrNot() {
        Device held = held(1, "cart-1", TTL);
        Device heldAnonymously = given(RESERVED, 2);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        Device first = registry.release(ref(held));
        Device second = registry.release(ref(heldAnonymously));

        assertThat(first).isEqualTo(changed(held, AVAILABLE, now, held.revision() + 1, null, null));
        assertThat(second).isEqualTo(changed(heldAnonymously, AVAILABLE, now, heldAnonymously.revision() + 1, null, null));
        assertEvents(appendedSince(feedBefore),
                event(held, RELEASE, RESERVED, AVAILABLE, now, "cart-1"),
                event(heldAnonymously, RELEASE, RESERVED, AVAILABLE, now, null));
    }

    @Test
    void forceReleaseEndsAnyHoldAndRecordsItsReasonAndTheHolder() {
        Device held = held(1, "cart-1", TTL);
        Device heldAnonymously = given(RESERVED, 2);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        Device first = holds.forceRelease(ref(held), "payment failed");
        Device second = holds.forceRelease(ref(heldAnonymously), " held since the migration ");

        assertThat(first).isEqualTo(changed(held, AVAILABLE, now, held.revision() + 1, null, null));
        assertThat(second).isEqualTo(changed(heldAnonymously, AVAILABLE, now, heldAnonymously.revision() + 1, null, null));
        assertEvents(appendedSince(feedBefore),
                new DeviceEvent(0, held.id(), FORCE_RELEASE, RESERVED, AVAILABLE, now, "cart-1", null, null,
                        "payment failed", null),
                new DeviceEvent(0, heldAnonymously.id(), FORCE_RELEASE, RESERVED, AVAILABLE, now, null, null, null,
                        "held since the migration", null));
    }

    @TestFactory
    Stream<DynamicTest> forceReleaseWithAnInvalidReasonFailsValidationOnReasonAndChangesNothing() {
        List<@Nullable String> reasons = Arrays.asList(null, "", "   ", "r".repeat(1001), "stuck\u0000device", "\u0007");
        return eachCase(reasons, StoreSpec::shown, (reason, n) -> {
            Device held = held(n, "cart-1", TTL);
            List<DeviceEvent> feedBefore = feed();

            assertInvalid(() -> holds.forceRelease(ref(held), reason), "reason");

            assertThat(registry.get(ref(held))).isEqualTo(held);
            assertThat(feed()).isEqualTo(feedBefore);
        });
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

    // Validation

    @TestFactory
    Stream<DynamicTest> anInvalidOrMissingHolderFailsValidationOnHolderAndStoresNothing() {
        List<@Nullable String> holders = Arrays.asList(null, "", "   ", "h".repeat(129), "cart\u00001", "cart\n1",
                "\u0007", "\u0085cart");
        return eachCase(holders, StoreSpec::shown, (holder, n) -> {
            Device available = given(AVAILABLE, n);
            Device held = held(n + 1, "cart-1", TTL);
            List<DeviceEvent> feedBefore = feed();
            tick();

            assertInvalid(() -> holds.reserve(ref(available), new Hold(holder, TTL)), "holder");
            assertInvalid(() -> holds.reserve(reserveRequest(n), new Hold(holder, null)), "holder");
            assertInvalid(() -> holds.extend(ref(held), new Hold(holder, TTL)), "holder");
            assertInvalid(() -> holds.release(ref(held), holder), "holder");

            assertThat(registry.get(ref(available))).isEqualTo(available);
            assertThat(registry.get(ref(held))).isEqualTo(held);
            assertThat(feed()).isEqualTo(feedBefore);
        });
    }

    @TestFactory
    Stream<DynamicTest> aTtlThatIsNotPositiveOrExceedsTheMaximumHoldLifetimeFailsValidationOnTtlAndStoresNothing() {
        List<Duration> ttls = List.of(Duration.ZERO, Duration.ofMinutes(-5), MAX_LIFETIME.plusNanos(1000),
                Duration.ofDays(2));
        return eachCase(ttls, Duration::toString, (ttl, n) -> {
            Device available = given(AVAILABLE, n);
            Device held = held(n + 1, "cart-1", TTL);
            List<DeviceEvent> feedBefore = feed();
            tick();

            assertInvalid(() -> holds.reserve(ref(available), Hold.of("cart-2", ttl)), "ttl");
            assertInvalid(() -> holds.reserve(reserveRequest(n), Hold.of("cart-2", ttl)), "ttl");
            assertInvalid(() -> holds.extend(ref(held), Hold.of("cart-1", ttl)), "ttl");

            assertThat(registry.get(ref(available))).isEqualTo(available);
            assertThat(registry.get(ref(held))).isEqualTo(held);
            assertThat(feed()).isEqualTo(feedBefore);
        });
    }

    @Test
    void everyInvalidFieldOfAReserveRequestAndItsHoldIsReportedAtOnce() {
        assertInvalid(() -> holds.reserve(new ReserveRequest(" ", null, null), new Hold("", Duration.ZERO)),
                "type", "mac", "serial_number", "holder", "ttl");
        assertThat(feed()).isEmpty();
    }

    @Test
    void aHolderOf128CharactersAndATtlOfTheMaximumHoldLifetimeAreValidAndAHolderIsStripped() {
        Device first = given(AVAILABLE, 1);
        Device second = given(AVAILABLE, 2);
        Instant now = tick();

        Device longest = holds.reserve(ref(first), Hold.of("h".repeat(128), MAX_LIFETIME));
        Device stripped = holds.reserve(ref(second), Hold.of("  cart-2\t", TTL));

        assertThat(longest.reservation()).isEqualTo(new Reservation("h".repeat(128), now, now.plus(MAX_LIFETIME)));
        assertThat(stripped.reservation()).isEqualTo(new Reservation("cart-2", now, now.plus(TTL)));
        assertThat(holds.release(ref(second), "cart-2").status()).isEqualTo(AVAILABLE);
    }
}
