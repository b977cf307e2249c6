package io.devreg.testkit;

import static io.devreg.DeviceOperation.ACTIVATE;
import static io.devreg.DeviceOperation.COMPLETE_DEACTIVATION;
import static io.devreg.DeviceOperation.DEACTIVATE;
import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.DEACTIVATING;
import static io.devreg.DeviceStatus.INITIALIZING;
import static io.devreg.DeviceStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.ActivateRequest;
import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Activation on an account: from an available device, by the hold's holder (no need to skip the
 * reserve check), by anyone skipping it; the account kept on the device and its events until the
 * deactivation completes; activations that name none; the validation of accounts and holders.
 * Billable usage is {@link UsageSpec}'s.
 */
abstract class AccountSpec extends StoreSpec {

    static final Duration TTL = Duration.ofMinutes(10);

    Device held(int n, String holder) {
        Device available = given(AVAILABLE, n);
        tick();
        return registry.reserve(ref(available), Hold.of(holder, TTL));
    }

    static DeviceEvent event(Device device, DeviceOperation operation, DeviceStatus from, DeviceStatus to, Instant at,
            @Nullable String holder, @Nullable String account) {
        return new DeviceEvent(0, device.id(), operation, from, to, at, holder, account, null, null, null);
    }

    // Activation on an account

    @Test
    void anAvailableDeviceIsActivatedOnAnAccountWhichTheDeviceAndItsEventKeep() {
        Device available = given(AVAILABLE, 1);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        Device activated = registry.activate(ref(available), Activation.onAccount("acct-1", null));

        assertThat(activated).isEqualTo(changed(available, ACTIVATED, now, available.revision() + 1, null, "acct-1"));
        assertThat(registry.get(ref(available))).isEqualTo(activated);
        assertEvents(appendedSince(feedBefore), event(available, ACTIVATE, AVAILABLE, ACTIVATED, now, null, "acct-1"));
    }

    @Test
    void theHolderActivatesTheDeviceItHoldsWithoutSkippingTheReserveCheck() {
        Device held = held(1, "cart-1");
        Device heldForNoAccount = held(2, "cart-2");
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        Device activated = registry.activate(ref(held), Activation.onAccount("acct-1", "cart-1"));
        Device activatedOnNoAccount = registry.activate(ref(heldForNoAccount), new Activation(null, "cart-2", false));

        assertThat(activated).isEqualTo(changed(held, ACTIVATED, now, held.revision() + 1, null, "acct-1"));
        assertThat(activatedOnNoAccount)
                .isEqualTo(changed(heldForNoAccount, ACTIVATED, now, heldForNoAccount.revision() + 1, null, null));
        assertEvents(appendedSince(feedBefore),
                event(held, ACTIVATE, RESERVED, ACTIVATED, now, "cart-1", "acct-1"),
                event(heldForNoAccount, ACTIVATE, RESERVED, ACTIVATED, now, "cart-2", null));
    }

    @Test
    void anActivationNamingAnotherHolderOrNoHolderIsRefusedWithDeviceReservedAndChangesNothing() {
        Device held = held(1, "cart-1");
        Device heldAnonymously = given(RESERVED, 2);
        List<DeviceEvent> feedBefore = feed();
        tick();

        assertThat(assertRefused(ErrorCode.DEVICE_RESERVED,
                () -> registry.activate(ref(held), Activation.onAccount("acct-1", "cart-2"))).device()).contains(held);
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> registry.activate(ref(held), Activation.onAccount("acct-1", null)));
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> registry.activate(ref(held), false));
        assertThat(assertRefused(ErrorCode.DEVICE_RESERVED,
                () -> registry.activate(ref(heldAnonymously), Activation.onAccount("acct-1", "cart-1"))).device())
                .contains(heldAnonymously);

        assertThat(registry.get(ref(held))).isEqualTo(held);
        assertThat(registry.get(ref(heldAnonymously))).isEqualTo(heldAnonymously);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void skippingTheReserveCheckActivatesADeviceWhoeverHoldsIt() {
        Device held = held(1, "cart-1");
        Device heldAnonymously = given(RESERVED, 2);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        Device first = registry.activate(ref(held), new Activation("acct-1", null, true));
        Device second = registry.activate(ref(heldAnonymously), new Activation("acct-2", "cart-9", true));

        assertThat(first).isEqualTo(changed(held, ACTIVATED, now, held.revision() + 1, null, "acct-1"));
        assertThat(second).isEqualTo(changed(heldAnonymously, ACTIVATED, now, heldAnonymously.revision() + 1, null, "acct-2"));
        assertEvents(appendedSince(feedBefore),
                event(held, ACTIVATE, RESERVED, ACTIVATED, now, "cart-1", "acct-1"),
                event(heldAnonymously, ACTIVATE, RESERVED, ACTIVATED, now, null, "acct-2"));
    }

    @Test
    void theAccountStaysOnTheDeviceUntilItsDeactivationCompletes() {
        Device available = given(AVAILABLE, 1);
        tick();
        Device activated = registry.activate(ref(available), Activation.onAccount("acct-1", null));
        List<DeviceEvent> feedBefore = feed();

        Instant deactivatedAt = tick();
        Device deactivating = registry.deactivate(ref(available));
        Instant completedAt = tick();
        Device completed = registry.completeDeactivation(ref(available));
        Instant reactivatedAt = tick();
        Device reactivated = registry.activate(ref(available), false);

        assertThat(deactivating).isEqualTo(changed(activated, DEACTIVATING, deactivatedAt, activated.revision() + 1,
                null, "acct-1"));
        assertThat(completed).isEqualTo(changed(activated, AVAILABLE, completedAt, activated.revision() + 2, null, null));
        assertThat(reactivated).isEqualTo(changed(activated, ACTIVATED, reactivatedAt, activated.revision() + 3, null,
                null));
        assertEvents(appendedSince(feedBefore),
                event(available, DEACTIVATE, ACTIVATED, DEACTIVATING, deactivatedAt, null, "acct-1"),
                event(available, COMPLETE_DEACTIVATION, DEACTIVATING, AVAILABLE, completedAt, null, "acct-1"),
                event(available, ACTIVATE, AVAILABLE, ACTIVATED, reactivatedAt, null, null));
    }

    @Test
    void anActivationThatNamesNoAccountLeavesTheAccountAbsent() {
        Device first = given(AVAILABLE, 1);
        Device second = given(AVAILABLE, 2);
        Device third = given(AVAILABLE, 3);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        List<Device> activated = List.of(
                registry.activate(ref(first), false),
                registry.activate(new ActivateRequest("router", mac(2), serial(2), false)),
                registry.activate(ref(third), new Activation(null, null, false)));

        assertThat(activated).extracting(Device::status).containsOnly(ACTIVATED);
        assertThat(activated).extracting(Device::account).containsOnlyNulls();
        assertEvents(appendedSince(feedBefore),
                event(first, ACTIVATE, AVAILABLE, ACTIVATED, now, null, null),
                event(second, ACTIVATE, AVAILABLE, ACTIVATED, now, null, null),
                event(third, ACTIVATE, AVAILABLE, ACTIVATED, now, null, null));
    }

    @TestFactory
    Stream<DynamicTest> anActivationOnAnAccountFromAnotherStatusIsRefusedWithTheCodeOfThatStatus() {
        return eachCase(List.of(INITIALIZING, ACTIVATED, DEACTIVATING), DeviceStatus::name, (status, n) -> {
            Device device = given(status, n);
            List<DeviceEvent> feedBefore = feed();
            tick();

            assertThat(assertRefused(LifecycleStep.refusedIn(status),
                    () -> registry.activate(ref(device), new Activation("acct-1", "cart-1", true))).device())
                    .contains(device);

            assertThat(feed()).isEqualTo(feedBefore);
        });
    }

    @TestFactory
    Stream<DynamicTest> anInvalidAccountOrHolderFailsValidationOnItsFieldAndChangesNothing() {
        List<String> values = List.of("a".repeat(129), "acct\u00001", "acct\n1", "\u0007");
        return eachCase(values, StoreSpec::shown, (value, n) -> {
            Device held = held(n, "cart-1");
            List<DeviceEvent> feedBefore = feed();
            tick();

            assertInvalid(() -> registry.activate(ref(held), Activation.onAccount(value, "cart-1")), "account");
            assertInvalid(() -> registry.activate(ref(held), new Activation("acct-1", value, false)), "holder");
            assertInvalid(() -> registry.activate(ref(held), new Activation(value, value, true)), "account", "holder");

            assertThat(registry.get(ref(held))).isEqualTo(held);
            assertThat(feed()).isEqualTo(feedBefore);
        });
    }

    @Test
    void anAccountOf128CharactersIsValid() {
        Device available = given(AVAILABLE, 1);

        assertThat(registry.activate(ref(available), Activation.onAccount("a".repeat(128), null)).account())
                .isEqualTo("a".repeat(128));
    }
}
