package io.devreg.testkit;

import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.DEACTIVATING;
import static io.devreg.DeviceStatus.INITIALIZING;
import static io.devreg.DeviceStatus.RESERVED;

import io.devreg.ActivateRequest;
import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import java.time.Duration;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Every write an idempotency key applies to, in each of its forms, made on the device numbered
 * {@code n} as {@link StoreSpec#given(DeviceStatus, int)} numbers devices (and named by its
 * identity, or by the billing API's request). Each states where its device must start: a status,
 * and for the writes that act for a holder, a hold by {@link IdempotencySpec#HOLDER}.
 */
enum KeyedWrite {
    REGISTER(null, false, (registry, n) -> registry.register(NewDevice.builder("router").mac(StoreSpec.mac(n))
            .serialNumber(StoreSpec.serial(n)).name("kiosk").build())),
    MARK_AVAILABLE(INITIALIZING, false, (registry, n) -> registry.markAvailable(ref(n))),
    RESERVE_BY_REQUEST(AVAILABLE, false, (registry, n) -> registry.reserve(reserveRequest(n))),
    RESERVE_BY_REF(AVAILABLE, false, (registry, n) -> registry.reserve(ref(n))),
    RESERVE_BY_REQUEST_WITH_A_HOLD(AVAILABLE, false, (registry, n) -> registry.reserve(reserveRequest(n), hold())),
    RESERVE_BY_REF_WITH_A_HOLD(AVAILABLE, false, (registry, n) -> registry.reserve(ref(n), hold())),
    EXTEND(AVAILABLE, true,
            (registry, n) -> registry.extend(ref(n), Hold.of(IdempotencySpec.HOLDER, Duration.ofMinutes(20)))),
    RELEASE(RESERVED, false, (registry, n) -> registry.release(ref(n))),
    RELEASE_BY_THE_HOLDER(AVAILABLE, true, (registry, n) -> registry.release(ref(n), IdempotencySpec.HOLDER)),
    FORCE_RELEASE(RESERVED, false,
            (registry, n) -> registry.forceRelease(ref(n), IdempotencySpec.FORCE_RELEASE_REASON)),
    ACTIVATE_BY_REQUEST(AVAILABLE, false, (registry, n) -> registry.activate(activateRequest(n, false))),
    ACTIVATE_BY_REQUEST_SKIPPING_THE_RESERVE_CHECK(RESERVED, false,
            (registry, n) -> registry.activate(activateRequest(n, true))),
    ACTIVATE_BY_REF(AVAILABLE, false, (registry, n) -> registry.activate(ref(n), false)),
    ACTIVATE_BY_REF_SKIPPING_THE_RESERVE_CHECK(RESERVED, false, (registry, n) -> registry.activate(ref(n), true)),
    ACTIVATE_ON_AN_ACCOUNT_BY_THE_HOLDER(AVAILABLE, true,
            (registry, n) -> registry.activate(ref(n), Activation.onAccount("acct-1", IdempotencySpec.HOLDER))),
    DEACTIVATE(ACTIVATED, false, (registry, n) -> registry.deactivate(ref(n))),
    COMPLETE_DEACTIVATION(DEACTIVATING, false, (registry, n) -> registry.completeDeactivation(ref(n))),
    UPDATE(AVAILABLE, false,
            (registry, n) -> registry.update(ref(n), DeviceUpdate.builder().name("lobby").build()));

    private final @Nullable DeviceStatus start;
    private final boolean held;
    private final BiFunction<DeviceRegistry, Integer, Device> call;

    KeyedWrite(@Nullable DeviceStatus start, boolean held, BiFunction<DeviceRegistry, Integer, Device> call) {
        this.start = start;
        this.held = held;
        this.call = call;
    }

    /** The status its device starts in (then held, when {@link #held()}); null for an unregistered device. */
    @Nullable DeviceStatus start() {
        return start;
    }

    /** Whether the device starts held by {@link IdempotencySpec#HOLDER} (after being made {@link #start()}). */
    boolean held() {
        return held;
    }

    /** Makes the write on device {@code n} through {@code registry}. */
    Device apply(DeviceRegistry registry, int n) {
        return call.apply(registry, n);
    }

    /** Whether the write appends an event (every write but an update does). */
    boolean appendsEvents() {
        return this != UPDATE;
    }

    /** The reason the write's event records when made with {@code contextReason}. */
    @Nullable String eventReason(@Nullable String contextReason) {
        return this == FORCE_RELEASE ? IdempotencySpec.FORCE_RELEASE_REASON : contextReason;
    }

    private static DeviceRef ref(int n) {
        return StoreSpec.identity(n);
    }

    private static Hold hold() {
        return Hold.of(IdempotencySpec.HOLDER, IdempotencySpec.TTL);
    }

    private static ActivateRequest activateRequest(int n, boolean skipReserveCheck) {
        return new ActivateRequest("router", StoreSpec.mac(n), StoreSpec.serial(n), skipReserveCheck);
    }

    private static ReserveRequest reserveRequest(int n) {
        return new ReserveRequest("router", StoreSpec.mac(n), StoreSpec.serial(n));
    }
}
