package io.devreg.spi;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link io.devreg.DeviceRegistry} keeps devices and their events. The registry owns the
 * rules (which transition is legal, what is valid); a store owns atomicity, uniqueness and
 * ordering. A store never decides whether a transition is legal: it applies a
 * {@link Transition} if and only if the device's current status is one of {@link Transition#from()}.
 *
 * <h2>What every implementation must guarantee</h2>
 * <ul>
 *   <li><b>Valid input only.</b> The registry passes only validated, normalized values
 *       ({@link NewDevice}, {@link DeviceRef}, {@link DeviceUpdate}, {@link DeviceQuery} cannot be
 *       built otherwise). A store stores them exactly: a device read back equals the one a write
 *       returned.</li>
 *   <li><b>Atomic conditional writes.</b> {@link #insert}, {@link #transition} and {@link #update}
 *       each check their condition and write in one atomic step, linearizable per device across
 *       every store instance sharing the same data (threads, and processes on one database). When
 *       many callers race with the same condition on one device, exactly one applies; the others are
 *       refused with the state the winner produced (or a later one). Never read-check-write.</li>
 *   <li><b>Uniqueness by the store itself.</b> uuid, {@code (type, mac)} and
 *       {@code (type, serialNumber)} are each unique among stored devices (absent values do not
 *       collide), enforced atomically (unique indexes or the equivalent), never check-then-insert.</li>
 *   <li><b>Events with their changes.</b> {@link #insert} and {@link #transition} append exactly one
 *       {@link DeviceEvent} in the same atomic step as the change; {@link #update} appends none. No
 *       change is visible without its event, and no event without its change.</li>
 *   <li><b>A gap-free feed.</b> Event sequences are unique and increase in the order the events become
 *       visible: once {@link #events} has returned an event, no event with a smaller sequence may
 *       appear later. A consumer that polls with the last sequence it saw receives every event
 *       exactly once, even while other threads or processes write.</li>
 *   <li><b>Failures.</b> Every failure of the underlying storage is thrown as
 *       {@link StorageException}; nothing else escapes, and a write that threw did not happen unless
 *       the message says its outcome is unknown.</li>
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
     * @return {@link WriteResult.Applied} with the stored device, or {@link WriteResult.Refused}
     *         with a stored device that has the same uuid, {@code (type, mac)} or
     *         {@code (type, serialNumber)}; then nothing was stored
     */
    WriteResult insert(NewDevice device, Instant at);

    /**
     * The device {@code ref} names: by id, by uuid, or by identity. An identity with both mac and
     * serial number matches only a device with both.
     */
    Optional<Device> find(DeviceRef ref);

    /**
     * Applies {@code transition} to the device {@code ref} names, if its current status is one of
     * {@link Transition#from()}: stores {@link Transition#applyTo(Device)} and appends
     * {@link Transition#event(long, Device)}, atomically.
     *
     * @return {@link WriteResult.Applied} with the new state, {@link WriteResult.Refused} with the
     *         current state when its status is not in {@code from}, or {@link WriteResult#NOT_FOUND}
     */
    WriteResult transition(DeviceRef ref, Transition transition);

    /**
     * Applies {@code update} to the device {@code ref} names, if {@link DeviceUpdate#appliesTo(Device)}
     * (its expected revision, when set, is the current one): stores
     * {@link DeviceUpdate#applyTo(Device, Instant)}, atomically. Appends no event.
     *
     * @return {@link WriteResult.Applied} with the new state, {@link WriteResult.Refused} with the
     *         current state on a revision mismatch, or {@link WriteResult#NOT_FOUND}
     */
    WriteResult update(DeviceRef ref, DeviceUpdate update, Instant at);

    /**
     * Devices that {@link DeviceQuery#matches(Device) match} {@code query} with an id greater than
     * {@link DeviceQuery#afterId()}, in ascending id order, at most {@code max} of them.
     */
    List<Device> list(DeviceQuery query, int max);

    /** Every event of the device with id {@code deviceId}, oldest first; empty when there is none. */
    List<DeviceEvent> history(long deviceId);

    /**
     * The change feed: events with a sequence greater than {@code afterSequence}, in ascending
     * sequence order, at most {@code limit} of them (see the feed guarantee above).
     */
    List<DeviceEvent> events(long afterSequence, int limit);

    /** Releases what the store created (connections, an embedded database); never a caller's resources. */
    @Override
    void close();
}
