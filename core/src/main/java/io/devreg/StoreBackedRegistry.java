package io.devreg;

import io.devreg.spi.DeviceStore;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry over a {@link DeviceStore}: looks each operation up in the {@link TransitionTable},
 * asks the store for one atomic conditional write, and turns a refusal into the error code of
 * the device's current status. It never reads before writing, so it has no check-then-act race.
 */
final class StoreBackedRegistry implements DeviceRegistry {

    private static final int MAX_EVENTS = 1000;

    private final DeviceStore store;
    private final Clock clock;

    StoreBackedRegistry(DeviceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Device register(NewDevice device) {
        WriteResult result = store.insert(device, now());
        if (result instanceof WriteResult.Applied applied) {
            return applied.device();
        }
        if (result instanceof WriteResult.Refused refused) {
            throw new DeviceException(ErrorCode.DEVICE_ALREADY_REGISTERED, refused.current(),
                    "Cannot register " + device + ": " + refused.current().describe()
                            + " has the same uuid, (type, mac) or (type, serial_number)");
        }
        throw new IllegalStateException("A store answered an insert with " + result);
    }

    @Override
    public Device markAvailable(DeviceRef ref) {
        return apply(ref, TransitionTable.rule(DeviceOperation.MARK_AVAILABLE));
    }

    @Override
    public Device reserve(ReserveRequest request) {
        return reserve(request.ref());
    }

    @Override
    public Device reserve(DeviceRef ref) {
        return apply(ref, TransitionTable.rule(DeviceOperation.RESERVE));
    }

    @Override
    public Device release(DeviceRef ref) {
        return apply(ref, TransitionTable.rule(DeviceOperation.RELEASE));
    }

    @Override
    public Device activate(ActivateRequest request) {
        return activate(request.ref(), request.skipReserveCheck());
    }

    @Override
    public Device activate(DeviceRef ref, boolean skipReserveCheck) {
        return apply(ref, TransitionTable.rule(DeviceOperation.ACTIVATE, skipReserveCheck));
    }

    @Override
    public Device deactivate(DeviceRef ref) {
        return apply(ref, TransitionTable.rule(DeviceOperation.DEACTIVATE));
    }

    @Override
    public Device completeDeactivation(DeviceRef ref) {
        return apply(ref, TransitionTable.rule(DeviceOperation.COMPLETE_DEACTIVATION));
    }

    @Override
    public Device update(DeviceRef ref, DeviceUpdate update) {
        WriteResult result = store.update(ref, update, now());
        if (result instanceof WriteResult.Refused refused) {
            throw new DeviceException(ErrorCode.REVISION_MISMATCH, refused.current(),
                    "Cannot update " + refused.current().describe() + ": expected revision "
                            + update.expectedRevision().orElse(0) + ", found " + refused.current().revision());
        }
        return applied(result, ref);
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        return store.find(ref);
    }

    @Override
    public Device get(DeviceRef ref) {
        Optional<Device> found = store.find(ref); // no capturing lambda: this is every lookup's path
        if (found.isPresent()) {
            return found.get();
        }
        throw notFound(ref);
    }

    @Override
    public Page<Device> list(DeviceQuery query) {
        List<Device> found = store.list(query, query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new Page<>(found, Optional.empty());
        }
        List<Device> items = found.subList(0, query.limit());
        return new Page<>(items, Optional.of(Cursor.encode(items.get(items.size() - 1).id())));
    }

    @Override
    public List<DeviceEvent> history(DeviceRef ref) {
        return store.history(get(ref).id());
    }

    @Override
    public List<DeviceEvent> events(long afterSequence, int limit) {
        FieldErrors errors = new FieldErrors();
        if (afterSequence < 0) {
            errors.add("after_sequence", "must not be negative");
        }
        if (limit < 1 || limit > MAX_EVENTS) {
            errors.add("limit", "must be between 1 and " + MAX_EVENTS);
        }
        errors.throwIfAny();
        return store.events(afterSequence, limit);
    }

    private Device apply(DeviceRef ref, TransitionTable.Rule rule) {
        WriteResult result = store.transition(ref, Transition.of(rule, now()));
        if (result instanceof WriteResult.Refused refused) {
            Device current = refused.current();
            ErrorCode code = ErrorCode.refusedIn(current.status());
            throw new DeviceException(code, current, "Cannot " + verb(rule.operation()) + ' ' + current.describe()
                    + ": its status is " + current.status().wireName() + " (" + code.message() + ')');
        }
        return applied(result, ref);
    }

    private static String verb(DeviceOperation operation) {
        return operation.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Device applied(WriteResult result, DeviceRef ref) {
        if (result instanceof WriteResult.Applied applied) {
            return applied.device();
        }
        if (result instanceof WriteResult.NotFound) {
            throw notFound(ref);
        }
        throw new IllegalStateException("Unexpected store result " + result);
    }

    private static DeviceException notFound(DeviceRef ref) {
        return new DeviceException(ErrorCode.DEVICE_NOT_FOUND, null, "No device matches " + ref);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public String toString() {
        return "DeviceRegistry[store=" + store + ", clock=" + clock + ']';
    }

}
