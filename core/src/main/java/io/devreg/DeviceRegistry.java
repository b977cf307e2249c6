package io.devreg;

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

    /** AVAILABLE → RESERVED. */
    Device reserve(DeviceRef ref);

    /** RESERVED → AVAILABLE. */
    Device release(DeviceRef ref);

    /** AVAILABLE → ACTIVATED, or also RESERVED → ACTIVATED when the request skips the reserve check. */
    Device activate(ActivateRequest request);

    /** AVAILABLE → ACTIVATED, or also RESERVED → ACTIVATED when {@code skipReserveCheck}. */
    Device activate(DeviceRef ref, boolean skipReserveCheck);

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
}
