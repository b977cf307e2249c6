package io.devreg.testkit;

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

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.Reservation;
import io.devreg.ReserveRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds with a holder and an expiry: how they are taken (with a TTL, the registry's default TTL, or
 * none), re-taken by their holder, refused to another, extended up to the maximum hold lifetime,
 * released by their holder or by anyone (version 1), and force-released with a reason; and the
 * validation of holders, TTLs and reasons. How holds run out is {@link HoldExpirySpec}'s.
 */
abstract class HoldSpec extends HoldingSpec {

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
