package io.devreg.spi;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link io.devreg.DeviceRegistry} keeps devices, their events and idempotency keys. The
 * registry owns the rules (which transition is legal, what is valid); a store owns atomicity,
 * uniqueness and ordering. A store never decides whether a transition is legal: it applies a
 * {@link Transition} if and only if {@link Transition#appliesTo} holds for the device as stored.
 *
 * <h2>What every implementation must guarantee</h2>
 * <ul>
 *   <li><b>Valid input only.</b> The registry passes only validated, normalized values
 *       ({@link NewDevice}, {@link DeviceRef}, {@link DeviceUpdate}, {@link DeviceQuery} cannot be
 *       built otherwise). A store stores them exactly: a device read back equals the one a write
 *       returned.</li>
 *   <li><b>Devices as stored.</b> A store returns devices as stored, holds that ran out included;
 *       the registry shows them as a read reports them ({@link Device#asOf}). Only
 *       {@link #list} filters by the status a read reports.</li>
 *   <li><b>Atomic conditional writes.</b> Every write checks its condition and writes in one atomic
 *       step, linearizable per device across every store instance sharing the same data (threads,
 *       and processes on one database). When many callers race with the same condition on one
 *       device, exactly one applies; the others are refused with the state the winner produced
 *       (or a later one). Never read-check-write. The holder and expiry conditions of a
 *       {@link Transition} are part of that one step.</li>
 *   <li><b>Uniqueness by the store itself.</b> uuid, {@code (type, mac)} and
 *       {@code (type, serialNumber)} are each unique among stored devices (absent values do not
 *       collide), enforced atomically (unique indexes or the equivalent), never check-then-insert.</li>
 *   <li><b>Events with their changes.</b> A registration and a transition append their events in
 *       the same atomic step as the change (a transition over an expired hold appends two, see
 *       {@link Transition#events}); {@link #update} appends none. No change is visible without its
 *       events, and no event without its change.</li>
 *   <li><b>A gap-free feed.</b> Event sequences are unique and increase in the order the events become
 *       visible: once {@link #events} has returned an event, no event with a smaller sequence may
 *       appear later. A consumer that polls with the last sequence it saw receives every event
 *       exactly once, even while other threads or processes write.</li>
 *   <li><b>Idempotent writes.</b> A write whose {@link WriteContext} has a key first looks the key
 *       up, in the same atomic step: recorded, the store answers {@link WriteResult.Recorded} with
 *       the recorded fingerprint and device and writes nothing. Otherwise it runs the write and, if
 *       it applied, records the key, the context's fingerprint and the device it returns in that
 *       same step; a refused write records nothing. Concurrent writes with one key: one runs, the
 *       others wait for it and then answer {@code Recorded} (or run, if it recorded nothing).</li>
 *   <li><b>Failures.</b> Every failure of the underlying storage is thrown as
 *       {@link StorageException}; nothing else escapes, and a write that threw did not happen unless
 *       {@link StorageException#outcomeUnknown()} says the store cannot tell.</li>
 *   <li><b>Thread safety.</b> All methods may be called from many threads at once.</li>
 * </ul>
 * {@code io.devreg.testkit.DeviceStoreContract} checks all of this; an implementation's test class
 * extends it.
 */
public interface DeviceStore extends AutoCloseable {

    /**
     * Registers a device: assigns an id greater than every id assigned before, stores
     * {@link NewDevice#toDevice(long, Instant) device.toDevice(id, at)} and appends its
     * {@link DeviceOperation#REGISTER} event (from {@code null} to {@code INITIALIZING}).
     *
     * @return {@link WriteResult.Applied} with the stored device, {@link WriteResult.Refused}
     *         with a stored device that has the same uuid, {@code (type, mac)} or
     *         {@code (type, serialNumber)} (then nothing was stored), or {@link WriteResult.Recorded}
     */
    WriteResult insert(NewDevice device, WriteContext context);

    /**
     * Registers many devices, each row on its own, as if {@link #insert} ran for each in order
     * (so a row that repeats an earlier row's key is a duplicate of the device that row stored):
     * a row whose uuid, {@code (type, mac)} or {@code (type, serialNumber)} is taken fails with
     * {@link io.devreg.ErrorCode#DEVICE_ALREADY_REGISTERED}, unless {@code mode} is
     * {@link ImportMode#CREATE_OR_UPDATE} and the row names an existing device: one that
     * {@code DeviceRef.identity(type, mac, serialNumber)} of the row finds and whose uuid is the
     * row's, if the row's uuid {@link NewDevice#uuidGiven() was given}. Such a row sets that
     * device's name, version and online flag to the row's ({@code UPDATED}: revision + 1, last
     * update {@code at}, no event) or finds them equal ({@code UNCHANGED}). A failing row never
     * fails or changes another. Rows are written in batches, a few atomic steps per call rather
     * than one per row; each created device has its REGISTER event in the step that stores it.
     * The context has no idempotency key.
     *
     * @return one result per row, in order, with {@code index} its position
     */
    List<RowResult> insertAll(List<NewDevice> devices, ImportMode mode, WriteContext context);

    /**
     * The device {@code ref} names, as stored: by id, by uuid, or by identity. An identity with
     * both mac and serial number matches only a device with both.
     */
    Optional<Device> find(DeviceRef ref);

    /**
     * Applies {@code transition} to the device {@code ref} names, at {@link WriteContext#at()}, if
     * {@link Transition#appliesTo} holds: stores {@link Transition#applyTo} and appends
     * {@link Transition#events}, atomically.
     *
     * When the condition does not hold nothing is written, not even the expiry of a hold that ran
     * out (the next write that applies, or {@link #expireHolds}, records it).
     *
     * @return {@link WriteResult.Applied} with the new state, {@link WriteResult.Refused} with the
     *         current (stored) state when the condition does not hold, {@link WriteResult#NOT_FOUND},
     *         or {@link WriteResult.Recorded}
     */
    WriteResult transition(DeviceRef ref, Transition transition, WriteContext context);

    /**
     * Applies {@code update} to the device {@code ref} names, if {@link DeviceUpdate#appliesTo(Device)}
     * (its expected revision, when set, is the current one): stores
     * {@link DeviceUpdate#applyTo(Device, Instant)}, atomically. Appends no event.
     *
     * @return {@link WriteResult.Applied} with the new state, {@link WriteResult.Refused} with the
     *         current state on a revision mismatch, {@link WriteResult#NOT_FOUND}, or
     *         {@link WriteResult.Recorded}
     */
    WriteResult update(DeviceRef ref, DeviceUpdate update, WriteContext context);

    /**
     * Records that holds ran out: for up to {@code limit} devices stored as reserved whose hold is
     * no longer active at {@link WriteContext#at()}, earliest expiry first (then lowest id), applies
     * {@link Transition#expire} and appends {@link Transition#expiry}, each atomically and in that
     * order (a device changed meanwhile is skipped, and the next one taken). Safe from
     * many store instances at once: each hold ends once, and no instance waits for the rows another
     * is ending.
     *
     * @return how many holds this call ended
     */
    int expireHolds(int limit, WriteContext context);

    /**
     * Deletes up to {@code limit} idempotency keys recorded before {@code recordedBefore}; safe from
     * many store instances at once.
     *
     * @return how many keys this call deleted
     */
    int purgeIdempotencyKeys(Instant recordedBefore, int limit);

    /**
     * Devices that {@link DeviceQuery#matches(Device) match} {@code query} as a read at {@code now}
     * reports them ({@link Device#asOf}), with an id greater than {@link DeviceQuery#afterId()}, in
     * ascending id order, at most {@code max} of them, as stored.
     */
    List<Device> list(DeviceQuery query, int max, Instant now);

    /** The events {@code query} selects: the feed, one device's history, or an account's usage events. */
    List<DeviceEvent> events(EventQuery query);

    /** Releases what the store created (connections, an embedded database); never a caller's resources. */
    @Override
    void close();
}
