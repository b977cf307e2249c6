package io.devreg;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The device registry: devices, their status lifecycle ({@link TransitionTable}) and the record
 * of every change. Build one over a store:
 *
 * <pre>{@code
 * DeviceRegistry registry = DeviceRegistry.builder()
 *         .store(new InMemoryDeviceStore())
 *         .build();
 * Device device = registry.register(NewDevice.builder("mediaagent").mac("AA:BB:CC:DD:EE:FF").build());
 * registry.markAvailable(DeviceRef.id(device.id()));
 * registry.reserve(new ReserveRequest("mediaagent", "aa-bb-cc-dd-ee-ff", null));
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * Every operation is atomic and linearizable per device, across every registry that shares a
 * store (threads, and processes on one database): when many callers race to reserve one available
 * device, exactly one succeeds and the others get {@link ErrorCode#DEVICE_RESERVED}. Every
 * registration and status transition appends exactly one {@link DeviceEvent} with the change.
 *
 * <h2>Holds, accounts and usage (version 2)</h2>
 * A reservation is a hold ({@link Reservation}): it may name a holder and expire. A device whose
 * hold is no longer active <em>is available</em> to every read and every write; the first write
 * that touches it records an {@link DeviceOperation#EXPIRE} event before its own, in the same
 * transaction, and {@link #expireHolds} records the expiries nobody touched. The holder check and
 * the expiry check are part of the same atomic write as the status change: two holders racing for
 * one device, or a holder racing its own expiry, have exactly one winner. An activation may name an
 * account ({@link Activation}); {@link #usage} lists the periods each device was active on it.
 *
 * <h2>Retries</h2>
 * A write made through {@link #with(RequestContext)} with an idempotency key may be retried
 * safely, after any failure: a {@link io.devreg.spi.StorageException} whose
 * {@link io.devreg.spi.StorageException#outcomeUnknown() outcome is unknown} included.
 *
 * <h2>Errors</h2>
 * All unchecked: {@link ValidationException} for bad input (nothing reached the store),
 * {@link DeviceException} when the device's state refuses the operation (its code is
 * {@link ErrorCode#refusedIn(DeviceStatus)} of the device's current status) or the device does not
 * exist ({@link ErrorCode#DEVICE_NOT_FOUND}), and {@link io.devreg.spi.StorageException} when the
 * store fails. Implementations are thread-safe.
 */
public interface DeviceRegistry {

    /** Starts a registry; {@link DeviceRegistryBuilder#store} is required. */
    static DeviceRegistryBuilder builder() {
        return new DeviceRegistryBuilder();
    }

    /**
     * Registers a new device in status {@link DeviceStatus#INITIALIZING}.
     *
     * @throws DeviceException {@link ErrorCode#DEVICE_ALREADY_REGISTERED} when a device with the same
     *                         uuid, (type, mac) or (type, serial number) exists; its {@code device()}
     *                         is that device
     */
    Device register(NewDevice device);

    /** INITIALIZING → AVAILABLE. */
    Device markAvailable(DeviceRef ref);

    /**
     * AVAILABLE → RESERVED for the device the billing API's reserve request names. Errors are
     * exactly the billing API's: 33600, 33603, 33610, 33622, 33599, or a {@link ValidationException}.
     */
    Device reserve(ReserveRequest request);

    /**
     * AVAILABLE → RESERVED: an anonymous hold (no holder), with the registry's
     * {@link DeviceRegistryBuilder#holdTtl(Duration) default TTL}, if any. A device whose hold ran
     * out is available.
     */
    Device reserve(DeviceRef ref);

    /**
     * AVAILABLE → RESERVED for the device the billing API's reserve request names, held by
     * {@code hold}'s holder until {@code hold}'s TTL (or the default TTL) runs out. Reserving a
     * device whose active hold has the same holder returns it unchanged, with no event (a retry is
     * harmless); any other active hold fails with {@link ErrorCode#DEVICE_RESERVED}; other statuses
     * fail with their codes, as {@link #reserve(ReserveRequest)} does.
     *
     * @throws ValidationException with every invalid field of the request and of the hold
     *                             ({@code holder}; {@code ttl} not positive or over the maximum hold lifetime)
     */
    Device reserve(ReserveRequest request, Hold hold);

    /** As {@link #reserve(ReserveRequest, Hold)}, for the device {@code ref} names. */
    Device reserve(DeviceRef ref, Hold hold);

    /**
     * RESERVED → RESERVED: the holder of the active hold moves its expiry to now + {@code hold}'s
     * TTL (or the default TTL). Someone else's hold fails with {@link ErrorCode#DEVICE_RESERVED}, no
     * active hold with {@link ErrorCode#DEVICE_AVAILABLE} (or the code of the device's status); an
     * expiry later than the hold's start plus the maximum hold lifetime fails with
     * {@link ErrorCode#HOLD_LIFETIME_EXCEEDED} and changes nothing.
     *
     * @throws ValidationException for an invalid holder or TTL, or when neither the hold nor the
     *                             registry gives a TTL ({@code ttl})
     */
    Device extend(DeviceRef ref, Hold hold);

    /** RESERVED → AVAILABLE: ends the active hold, whoever holds it. */
    Device release(DeviceRef ref);

    /**
     * RESERVED → AVAILABLE, by the holder of the active hold only: someone else's hold fails with
     * {@link ErrorCode#DEVICE_RESERVED}, no active hold with {@link ErrorCode#DEVICE_AVAILABLE} (or
     * the code of the device's status).
     *
     * @throws ValidationException for an invalid {@code holder}
     */
    Device release(DeviceRef ref, String holder);

    /**
     * RESERVED → AVAILABLE by an operator: ends any active hold and records
     * {@link DeviceOperation#FORCE_RELEASE} with {@code reason}. A device without an active hold
     * fails with the code of its status.
     *
     * @throws ValidationException for an invalid {@code reason}
     */
    Device forceRelease(DeviceRef ref, String reason);

    /**
     * Records the expiry of up to {@code limit} holds that ran out and that no write has touched
     * since: each becomes AVAILABLE with an {@link DeviceOperation#EXPIRE} event. Expiry needs no
     * call to this to take effect (reads already see such devices as available); it makes the feed
     * say so. Any number of registries may run it at once; each hold ends exactly once.
     *
     * @param limit 1 to 10,000
     * @return how many holds it ended
     * @throws ValidationException if {@code limit} is out of range
     * @throws IllegalArgumentException when called through a view with an idempotency key
     */
    int expireHolds(int limit);

    /** AVAILABLE → ACTIVATED, or also RESERVED → ACTIVATED when the request skips the reserve check. */
    Device activate(ActivateRequest request);

    /** AVAILABLE → ACTIVATED, or also RESERVED → ACTIVATED when {@code skipReserveCheck}. */
    Device activate(DeviceRef ref, boolean skipReserveCheck);

    /**
     * AVAILABLE → ACTIVATED on {@code activation}'s account, or RESERVED → ACTIVATED when the
     * activation names the hold's holder or skips the reserve check (see {@link Activation}). The
     * account stays on the device until its deactivation completes and is recorded on the events.
     *
     * @throws ValidationException for an invalid {@code account} or {@code holder}
     */
    Device activate(DeviceRef ref, Activation activation);

    /** ACTIVATED → DEACTIVATING. */
    Device deactivate(DeviceRef ref);

    /** DEACTIVATING → AVAILABLE. */
    Device completeDeactivation(DeviceRef ref);

    /**
     * Changes name, firmware version or online flag; never the status. Bumps the revision; appends
     * no event.
     *
     * @throws DeviceException {@link ErrorCode#REVISION_MISMATCH} when the update expects a revision
     *                         the device no longer has, or {@link ErrorCode#DEVICE_NOT_FOUND}
     */
    Device update(DeviceRef ref, DeviceUpdate update);

    /** The device {@code ref} names, if it exists. */
    Optional<Device> find(DeviceRef ref);

    /**
     * The device {@code ref} names.
     *
     * @throws DeviceException {@link ErrorCode#DEVICE_NOT_FOUND} when it does not exist
     */
    Device get(DeviceRef ref);

    /**
     * One page of the devices matching {@code query}, in id order. Walking every page through
     * {@link Page#nextCursor()} yields every device that was registered before the walk began and
     * matches throughout it exactly once, and never any device twice. A device registered during
     * the walk may or may not appear (a store may assign ids before commit, so a late-committing
     * registration can land behind the cursor); a device whose status changes during the walk
     * appears as it was when its page was read.
     */
    Page<Device> list(DeviceQuery query);

    /**
     * Every event of one device, oldest first.
     *
     * @throws DeviceException {@link ErrorCode#DEVICE_NOT_FOUND} when the device does not exist
     */
    List<DeviceEvent> history(DeviceRef ref);

    /**
     * The change feed: events with a sequence greater than {@code afterSequence}, ascending, at
     * most {@code limit} (1 to 1000). A consumer that calls this again with the last sequence it
     * saw receives every event exactly once, even while others write concurrently.
     *
     * @throws ValidationException if {@code afterSequence} is negative or {@code limit} out of range
     */
    List<DeviceEvent> events(long afterSequence, int limit);

    /**
     * The billable usage of {@code account} in {@code [from, to)}: the periods each device was
     * ACTIVATED on it (from its {@link DeviceOperation#ACTIVATE} event to its
     * {@link DeviceOperation#DEACTIVATE} event; a device still active until {@code to}), clipped to
     * the period, ordered by device id then start, with no empty interval. Adjacent periods never
     * count an instant twice and never miss one. {@code to} may lie in the future.
     *
     * @throws ValidationException for an invalid {@code account}, or {@code to} before {@code from}
     */
    List<UsageInterval> usage(String account, Instant from, Instant to);

    /**
     * Registers up to 10,000 devices, each row on its own: one result per row, in order. A row
     * whose uuid, (type, mac) or (type, serial number) is registered (in the store, or by an
     * earlier row of the same call) fails with {@link ErrorCode#DEVICE_ALREADY_REGISTERED} under
     * {@link ImportMode#CREATE}, and under {@link ImportMode#CREATE_OR_UPDATE} updates that
     * device's name, version and online flag (or leaves it unchanged) when the row names it by its
     * identity. A failing row never fails another. Rows are written in batches; every created
     * device has its REGISTER event. Rows are valid by construction ({@link NewDevice}), so input
     * that fails validation is reported by whoever parses it and never reaches this method.
     * Takes no idempotency key: running the same CREATE_OR_UPDATE import again changes nothing.
     *
     * @throws IllegalArgumentException with more than 10,000 rows (nothing is stored), or when
     *                                  called through a view with an idempotency key
     */
    BulkResult registerAll(List<NewDevice> devices, ImportMode mode);

    /**
     * A view of this registry whose writes carry {@code context}: its actor and reason on every
     * event they append, and its idempotency key (see {@link RequestContext}). Reads pass through.
     * The view shares this registry's store, clock and settings; a view's {@code with} replaces the
     * context.
     */
    DeviceRegistry with(RequestContext context);

    /**
     * Deletes up to {@code limit} idempotency keys older than the registry's
     * {@link DeviceRegistryBuilder#idempotencyRetention(Duration) retention}; a key is never deleted
     * before. Safe from many registries at once.
     *
     * @param limit 1 to 10,000
     * @return how many keys it deleted
     * @throws ValidationException if {@code limit} is out of range
     */
    int purgeIdempotencyKeys(int limit);
}
