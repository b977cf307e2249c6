package io.devreg.testkit;

import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.DEACTIVATING;
import static io.devreg.DeviceStatus.INITIALIZING;
import static io.devreg.DeviceStatus.RESERVED;

import io.devreg.ActivateRequest;
import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.Reservation;
import io.devreg.ReserveRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;

/**
 * Every write an idempotency key applies to, in each of its forms, made on the device numbered
 * {@code n} as {@link StoreSpec#given(DeviceStatus, int)} numbers devices (and named by its
 * identity, or by the billing API's request). Each states where its device must start: a status,
 * and for the writes that act for a holder, a hold by {@link Terms#HOLDER}.
 */
enum KeyedWrite {
    REGISTER(null, false, (registry, n) -> registry.register(NewDevice.builder("router").mac(StoreSpec.mac(n))
            .serialNumber(StoreSpec.serial(n)).name(Terms.REGISTERED_NAME).build())),
    MARK_AVAILABLE(INITIALIZING, false, (registry, n) -> registry.markAvailable(ref(n))),
    RESERVE_BY_REQUEST(AVAILABLE, false, (registry, n) -> registry.reserve(reserveRequest(n))),
    RESERVE_BY_REF(AVAILABLE, false, (registry, n) -> registry.reserve(ref(n))),
    RESERVE_BY_REQUEST_WITH_A_HOLD(AVAILABLE, false, (registry, n) -> registry.reserve(reserveRequest(n), hold())),
    RESERVE_BY_REF_WITH_A_HOLD(AVAILABLE, false, (registry, n) -> registry.reserve(ref(n), hold())),
    EXTEND(AVAILABLE, true,
            (registry, n) -> registry.extend(ref(n), Hold.of(Terms.HOLDER, Terms.EXTENSION))),
    RELEASE(RESERVED, false, (registry, n) -> registry.release(ref(n))),
    RELEASE_BY_THE_HOLDER(AVAILABLE, true, (registry, n) -> registry.release(ref(n), Terms.HOLDER)),
    FORCE_RELEASE(RESERVED, false,
            (registry, n) -> registry.forceRelease(ref(n), Terms.FORCE_RELEASE_REASON)),
    ACTIVATE_BY_REQUEST(AVAILABLE, false, (registry, n) -> registry.activate(activateRequest(n, false))),
    ACTIVATE_BY_REQUEST_SKIPPING_THE_RESERVE_CHECK(RESERVED, false,
            (registry, n) -> registry.activate(activateRequest(n, true))),
    ACTIVATE_BY_REF(AVAILABLE, false, (registry, n) -> registry.activate(ref(n), false)),
    ACTIVATE_BY_REF_SKIPPING_THE_RESERVE_CHECK(RESERVED, false, (registry, n) -> registry.activate(ref(n), true)),
    ACTIVATE_ON_AN_ACCOUNT_BY_THE_HOLDER(AVAILABLE, true,
            (registry, n) -> registry.activate(ref(n), Activation.onAccount(Terms.ACCOUNT, Terms.HOLDER))),
    DEACTIVATE(ACTIVATED, false, (registry, n) -> registry.deactivate(ref(n))),
    COMPLETE_DEACTIVATION(DEACTIVATING, false, (registry, n) -> registry.completeDeactivation(ref(n))),
    UPDATE(AVAILABLE, false,
            (registry, n) -> registry.update(ref(n), DeviceUpdate.builder().name(Terms.UPDATED_NAME).build()));

    /** What the writes state: the holder and TTL of their holds, the reason of a force-release. */
    static final class Terms {
        /** The holder of the writes that act for one, and of the hold their device starts with. */
        static final String HOLDER = "cart-1";
        /** The TTL of the holds the writes take, and of their devices' holds. */
        static final Duration TTL = Duration.ofMinutes(10);
        /** The TTL {@link #EXTEND} asks for. */
        static final Duration EXTENSION = Duration.ofMinutes(20);
        /** The account {@link #ACTIVATE_ON_AN_ACCOUNT_BY_THE_HOLDER} names. */
        static final String ACCOUNT = "acct-1";
        /** The name {@link #REGISTER} gives, and {@link #UPDATE} sets. */
        static final String REGISTERED_NAME = "kiosk";
        /** The name {@link #UPDATE} sets. */
        static final String UPDATED_NAME = "lobby";
        /** The reason {@link #FORCE_RELEASE} gives. */
        static final String FORCE_RELEASE_REASON = "checkout abandoned";

        private Terms() {
        }
    }

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

    /** Whether the device starts held by {@link Terms#HOLDER} (after being made {@link #start()}). */
    boolean held() {
        return held;
    }

    /** Makes device {@code n} of {@code spec}'s store as this write needs it to start; null for a registration. */
    @Nullable Device prepare(StoreSpec spec, int n) {
        if (start == null) {
            return null;
        }
        Device device = spec.given(start, n);
        if (held) {
            spec.tick();
            device = spec.registry.reserve(StoreSpec.ref(device), hold());
        }
        return device;
    }

    /**
     * Makes device {@code n} as this write needs it to start, through {@code registry} alone, along the
     * lifecycle's shortest legal path (as {@link StoreSpec#given(DeviceStatus, int)} states it), then
     * held when {@link #held()}; null for a registration.
     */
    @Nullable Device prepareOn(DeviceRegistry registry, int n) {
        if (start == null) {
            return null;
        }
        Device device = registry.register(NewDevice.builder("router").mac(StoreSpec.mac(n))
                .serialNumber(StoreSpec.serial(n)).build());
        DeviceRef ref = DeviceRef.id(device.id());
        if (start != INITIALIZING) {
            device = registry.markAvailable(ref);
        }
        switch (start) {
            case RESERVED -> device = registry.reserve(ref);
            case ACTIVATED -> device = registry.activate(ref, false);
            case DEACTIVATING -> {
                registry.activate(ref, false);
                device = registry.deactivate(ref);
            }
            default -> {
            }
        }
        return held ? registry.reserve(ref, hold()) : device;
    }

    /** The idempotency key a test of this write uses: one per write, so its cases may share a store. */
    String key() {
        return "key-" + name();
    }

    /** One dynamic test per write of {@code writes}, on devices numbered from the case's own base. */
    static Stream<DynamicTest> each(List<KeyedWrite> writes, StoreSpec.Case<KeyedWrite> test) {
        return StoreSpec.eachCase(writes, KeyedWrite::name, test);
    }

    /** One dynamic test per write, in each of its forms. */
    static Stream<DynamicTest> each(StoreSpec.Case<KeyedWrite> test) {
        return each(List.of(values()), test);
    }

    /** Makes the write on device {@code n} through {@code registry}. */
    Device apply(DeviceRegistry registry, int n) {
        return call.apply(registry, n);
    }

    /** The operation of the event the write appends; empty for an update, which appends none. */
    Optional<DeviceOperation> operation() {
        return Optional.ofNullable(switch (this) {
            case REGISTER -> DeviceOperation.REGISTER;
            case MARK_AVAILABLE -> DeviceOperation.MARK_AVAILABLE;
            case RESERVE_BY_REQUEST, RESERVE_BY_REF, RESERVE_BY_REQUEST_WITH_A_HOLD, RESERVE_BY_REF_WITH_A_HOLD ->
                    DeviceOperation.RESERVE;
            case EXTEND -> DeviceOperation.EXTEND;
            case RELEASE, RELEASE_BY_THE_HOLDER -> DeviceOperation.RELEASE;
            case FORCE_RELEASE -> DeviceOperation.FORCE_RELEASE;
            case ACTIVATE_BY_REQUEST, ACTIVATE_BY_REQUEST_SKIPPING_THE_RESERVE_CHECK, ACTIVATE_BY_REF,
                    ACTIVATE_BY_REF_SKIPPING_THE_RESERVE_CHECK, ACTIVATE_ON_AN_ACCOUNT_BY_THE_HOLDER ->
                    DeviceOperation.ACTIVATE;
            case DEACTIVATE -> DeviceOperation.DEACTIVATE;
            case COMPLETE_DEACTIVATION -> DeviceOperation.COMPLETE_DEACTIVATION;
            case UPDATE -> null;
        });
    }

    /**
     * Whether the write applies to {@code device} (as a read reports it): it is in the write's
     * {@link #start()} status, held by {@link Terms#HOLDER} for the writes that act for the holder;
     * an update applies in every status. A registration applies to no existing device.
     */
    boolean startsFrom(Device device) {
        if (start == null) {
            return false;
        }
        if (this == UPDATE) {
            return true;
        }
        if (held) {
            return device.status() == RESERVED && device.reservation() != null
                    && Terms.HOLDER.equals(device.reservation().holder());
        }
        return device.status() == start;
    }

    /**
     * The device this write, applied once at {@code at} to {@code before} (which it
     * {@link #startsFrom}), returns: the lifecycle and the holds as API.md states them, restated here.
     * The registry's holds have no TTL of their own ({@code holdTtl} unset).
     */
    Device expectedAfter(Device before, Instant at) {
        long revision = before.revision() + 1;
        return switch (this) {
            case REGISTER -> throw new IllegalArgumentException("a registration starts from no device");
            case MARK_AVAILABLE, RELEASE, RELEASE_BY_THE_HOLDER, FORCE_RELEASE, COMPLETE_DEACTIVATION ->
                    StoreSpec.changed(before, AVAILABLE, at, revision, null, null);
            case RESERVE_BY_REQUEST, RESERVE_BY_REF ->
                    StoreSpec.changed(before, RESERVED, at, revision, new Reservation(null, at, null), null);
            case RESERVE_BY_REQUEST_WITH_A_HOLD, RESERVE_BY_REF_WITH_A_HOLD -> StoreSpec.changed(before, RESERVED, at,
                    revision, new Reservation(Terms.HOLDER, at, at.plus(Terms.TTL)), null);
            case EXTEND -> StoreSpec.changed(before, RESERVED, at, revision, new Reservation(Terms.HOLDER,
                    Objects.requireNonNull(before.reservation()).reservedAt(), at.plus(Terms.EXTENSION)), null);
            case ACTIVATE_BY_REQUEST, ACTIVATE_BY_REQUEST_SKIPPING_THE_RESERVE_CHECK, ACTIVATE_BY_REF,
                    ACTIVATE_BY_REF_SKIPPING_THE_RESERVE_CHECK ->
                    StoreSpec.changed(before, ACTIVATED, at, revision, null, null);
            case ACTIVATE_ON_AN_ACCOUNT_BY_THE_HOLDER ->
                    StoreSpec.changed(before, ACTIVATED, at, revision, null, Terms.ACCOUNT);
            case DEACTIVATE -> StoreSpec.changed(before, DEACTIVATING, at, revision, null, before.account());
            case UPDATE -> new Device(before.id(), before.type(), before.uuid(), before.serialNumber(), before.mac(),
                    before.status(), Terms.UPDATED_NAME, before.version(), before.createdAt(), at, before.online(),
                    revision, before.reservation(), before.account());
        };
    }

    /** The device {@link #REGISTER}, applied once at {@code at} to device {@code n}, returns, with the store's id and uuid. */
    static Device expectedRegistration(int n, long id, UUID uuid, Instant at) {
        return new Device(id, "router", uuid, StoreSpec.serial(n), StoreSpec.mac(n), INITIALIZING,
                Terms.REGISTERED_NAME, null, at, at, false, 1, null, null);
    }

    /** Whether the write appends an event (every write but an update does). */
    boolean appendsEvents() {
        return this != UPDATE;
    }

    /** The reason the write's event records when made with {@code contextReason}. */
    @Nullable String eventReason(@Nullable String contextReason) {
        return this == FORCE_RELEASE ? Terms.FORCE_RELEASE_REASON : contextReason;
    }

    private static DeviceRef ref(int n) {
        return StoreSpec.identity(n);
    }

    private static Hold hold() {
        return Hold.of(Terms.HOLDER, Terms.TTL);
    }

    private static ActivateRequest activateRequest(int n, boolean skipReserveCheck) {
        return new ActivateRequest("router", StoreSpec.mac(n), StoreSpec.serial(n), skipReserveCheck);
    }

    private static ReserveRequest reserveRequest(int n) {
        return new ReserveRequest("router", StoreSpec.mac(n), StoreSpec.serial(n));
    }
}
