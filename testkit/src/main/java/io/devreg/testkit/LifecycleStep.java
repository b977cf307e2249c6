package io.devreg.testkit;

import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.DEACTIVATING;
import static io.devreg.DeviceStatus.INITIALIZING;
import static io.devreg.DeviceStatus.RESERVED;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The contract's model of the lifecycle: each status-changing call, the statuses it may start from
 * and where it leads, and the code of a refusal. Written from the API's table on its own, so that a
 * mistake in core's {@code TransitionTable} shows up as a disagreement.
 */
enum LifecycleStep {
    MARK_AVAILABLE(DeviceOperation.MARK_AVAILABLE, DeviceRegistry::markAvailable, Map.of(INITIALIZING, AVAILABLE)),
    RESERVE(DeviceOperation.RESERVE, DeviceRegistry::reserve, Map.of(AVAILABLE, RESERVED)),
    RELEASE(DeviceOperation.RELEASE, DeviceRegistry::release, Map.of(RESERVED, AVAILABLE)),
    ACTIVATE(DeviceOperation.ACTIVATE, (registry, ref) -> registry.activate(ref, false), Map.of(AVAILABLE, ACTIVATED)),
    ACTIVATE_SKIPPING_RESERVE_CHECK(DeviceOperation.ACTIVATE, (registry, ref) -> registry.activate(ref, true),
            Map.of(AVAILABLE, ACTIVATED, RESERVED, ACTIVATED)),
    DEACTIVATE(DeviceOperation.DEACTIVATE, DeviceRegistry::deactivate, Map.of(ACTIVATED, DEACTIVATING)),
    COMPLETE_DEACTIVATION(DeviceOperation.COMPLETE_DEACTIVATION, DeviceRegistry::completeDeactivation,
            Map.of(DEACTIVATING, AVAILABLE)),
    FORCE_RELEASE(DeviceOperation.FORCE_RELEASE, (registry, ref) -> registry.forceRelease(ref, LifecycleStep.REASON),
            Map.of(RESERVED, AVAILABLE));

    /** The reason a force-release step gives. */
    static final String REASON = "checkout abandoned; released by support";

    /** The code of a refusal is the code of the device's current status. */
    private static final Map<DeviceStatus, ErrorCode> REFUSED_IN = Map.of(
            INITIALIZING, ErrorCode.DEVICE_INITIALIZING,
            AVAILABLE, ErrorCode.DEVICE_AVAILABLE,
            RESERVED, ErrorCode.DEVICE_RESERVED,
            ACTIVATED, ErrorCode.DEVICE_ALREADY_ACTIVATED,
            DEACTIVATING, ErrorCode.DEVICE_DEACTIVATING);

    private final DeviceOperation operation;
    private final BiFunction<DeviceRegistry, DeviceRef, Device> call;
    private final Map<DeviceStatus, DeviceStatus> targets;

    LifecycleStep(DeviceOperation operation, BiFunction<DeviceRegistry, DeviceRef, Device> call,
            Map<DeviceStatus, DeviceStatus> targets) {
        this.operation = operation;
        this.call = call;
        this.targets = targets;
    }

    /** The operation its event records. */
    DeviceOperation operation() {
        return operation;
    }

    /** Calls the registry's method for this step. */
    Device apply(DeviceRegistry registry, DeviceRef ref) {
        return call.apply(registry, ref);
    }

    /** Where this step leads from {@code status}, or null when it is refused there. */
    @Nullable DeviceStatus target(DeviceStatus status) {
        return targets.get(status);
    }

    /** The code of a step refused because the device is in {@code status}. */
    static ErrorCode refusedIn(DeviceStatus status) {
        return REFUSED_IN.get(status);
    }

    /** Whether this step activates, so it may also be sent as an {@code ActivateRequest}. */
    boolean activates() {
        return operation == DeviceOperation.ACTIVATE;
    }
}
