package io.devreg.testkit;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.TransitionTable;
import java.util.Optional;

/**
 * One registry call on an existing device, as the fault and crash tests pick them at random:
 * every transition, an attribute update, and the reads. {@link #rule()} is the transition table's
 * row for a transition, so a test knows the one state a successful call may produce.
 */
enum RegistryStep {
    MARK_AVAILABLE, RESERVE, RELEASE, ACTIVATE, ACTIVATE_SKIPPING_RESERVE_CHECK, DEACTIVATE, COMPLETE_DEACTIVATION,
    UPDATE, GET, LIST, HISTORY, EVENTS;

    /** Runs the step on device {@code id}; returns the device a write produced, empty for reads. */
    Optional<Device> run(DeviceRegistry registry, long id) {
        DeviceRef ref = DeviceRef.id(id);
        return switch (this) {
            case MARK_AVAILABLE -> Optional.of(registry.markAvailable(ref));
            case RESERVE -> Optional.of(registry.reserve(ref));
            case RELEASE -> Optional.of(registry.release(ref));
            case ACTIVATE -> Optional.of(registry.activate(ref, false));
            case ACTIVATE_SKIPPING_RESERVE_CHECK -> Optional.of(registry.activate(ref, true));
            case DEACTIVATE -> Optional.of(registry.deactivate(ref));
            case COMPLETE_DEACTIVATION -> Optional.of(registry.completeDeactivation(ref));
            case UPDATE -> Optional.of(registry.update(ref, DeviceUpdate.builder().name("renamed " + System.nanoTime())
                    .build()));
            case GET -> {
                registry.get(ref);
                yield Optional.empty();
            }
            case LIST -> {
                registry.list(DeviceQuery.builder().status(DeviceStatus.AVAILABLE).limit(10).build());
                yield Optional.empty();
            }
            case HISTORY -> {
                registry.history(ref);
                yield Optional.empty();
            }
            case EVENTS -> {
                registry.events(0, 100);
                yield Optional.empty();
            }
        };
    }

    /** The transition table's row for this step, if it is a transition. */
    Optional<TransitionTable.Rule> rule() {
        return switch (this) {
            case MARK_AVAILABLE -> Optional.of(TransitionTable.rule(DeviceOperation.MARK_AVAILABLE));
            case RESERVE -> Optional.of(TransitionTable.rule(DeviceOperation.RESERVE));
            case RELEASE -> Optional.of(TransitionTable.rule(DeviceOperation.RELEASE));
            case ACTIVATE -> Optional.of(TransitionTable.rule(DeviceOperation.ACTIVATE, false));
            case ACTIVATE_SKIPPING_RESERVE_CHECK -> Optional.of(TransitionTable.rule(DeviceOperation.ACTIVATE, true));
            case DEACTIVATE -> Optional.of(TransitionTable.rule(DeviceOperation.DEACTIVATE));
            case COMPLETE_DEACTIVATION -> Optional.of(TransitionTable.rule(DeviceOperation.COMPLETE_DEACTIVATION));
            default -> Optional.empty();
        };
    }

    /** Legal transitions that take a device in {@code status} back to AVAILABLE. */
    static void makeAvailable(DeviceRegistry registry, long id) {
        DeviceRef ref = DeviceRef.id(id);
        switch (registry.get(ref).status()) {
            case INITIALIZING -> registry.markAvailable(ref);
            case RESERVED -> registry.release(ref);
            case ACTIVATED -> {
                registry.deactivate(ref);
                registry.completeDeactivation(ref);
            }
            case DEACTIVATING -> registry.completeDeactivation(ref);
            case AVAILABLE -> {
            }
        }
    }
}
