package io.devreg;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A registry that tells a {@link RegistryListener} about every operation of the registry it wraps:
 * its name, how long it took, and what it threw. Made by {@link DeviceRegistryBuilder#build()} only
 * when a listener is set, so that a registry without one pays nothing.
 */
final class ObservedRegistry implements DeviceRegistry {

    private final DeviceRegistry registry;
    private final RegistryListener listener;

    ObservedRegistry(DeviceRegistry registry, RegistryListener listener) {
        this.registry = registry;
        this.listener = listener;
    }

    /** One operation, timed and reported; a devreg exception is reported, then thrown on. */
    private <T> T observe(String operation, java.util.function.Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            listener.operationFinished(operation, Duration.ofNanos(System.nanoTime() - start), null);
            return result;
        } catch (DeviceRegistryException e) {
            listener.operationFinished(operation, Duration.ofNanos(System.nanoTime() - start), e);
            throw e;
        }
    }

    @Override
    public Device register(NewDevice device) {
        return observe("register", () -> registry.register(device));
    }

    @Override
    public Device markAvailable(DeviceRef ref) {
        return observe("markAvailable", () -> registry.markAvailable(ref));
    }

    @Override
    public Device reserve(ReserveRequest request) {
        return observe("reserve", () -> registry.reserve(request));
    }

    @Override
    public Device reserve(DeviceRef ref) {
        return observe("reserve", () -> registry.reserve(ref));
    }

    @Override
    public Device reserve(ReserveRequest request, Hold hold) {
        return observe("reserve", () -> registry.reserve(request, hold));
    }

    @Override
    public Device reserve(DeviceRef ref, Hold hold) {
        return observe("reserve", () -> registry.reserve(ref, hold));
    }

    @Override
    public Device extend(DeviceRef ref, Hold hold) {
        return observe("extend", () -> registry.extend(ref, hold));
    }

    @Override
    public Device release(DeviceRef ref) {
        return observe("release", () -> registry.release(ref));
    }

    @Override
    public Device release(DeviceRef ref, String holder) {
        return observe("release", () -> registry.release(ref, holder));
    }

    @Override
    public Device forceRelease(DeviceRef ref, String reason) {
        return observe("forceRelease", () -> registry.forceRelease(ref, reason));
    }

    @Override
    public int expireHolds(int limit) {
        int ended = observe("expireHolds", () -> registry.expireHolds(limit));
        if (ended > 0) {
            listener.holdsExpired(ended);
        }
        return ended;
    }

    @Override
    public Device activate(ActivateRequest request) {
        return observe("activate", () -> registry.activate(request));
    }

    @Override
    public Device activate(DeviceRef ref, boolean skipReserveCheck) {
        return observe("activate", () -> registry.activate(ref, skipReserveCheck));
    }

    @Override
    public Device activate(DeviceRef ref, Activation activation) {
        return observe("activate", () -> registry.activate(ref, activation));
    }

    @Override
    public Device deactivate(DeviceRef ref) {
        return observe("deactivate", () -> registry.deactivate(ref));
    }

    @Override
    public Device completeDeactivation(DeviceRef ref) {
        return observe("completeDeactivation", () -> registry.completeDeactivation(ref));
    }

    @Override
    public Device update(DeviceRef ref, DeviceUpdate update) {
        return observe("update", () -> registry.update(ref, update));
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        return observe("find", () -> registry.find(ref));
    }

    @Override
    public Device get(DeviceRef ref) {
        return observe("get", () -> registry.get(ref));
    }

    @Override
    public Page<Device> list(DeviceQuery query) {
        return observe("list", () -> registry.list(query));
    }

    @Override
    public List<DeviceEvent> history(DeviceRef ref) {
        return observe("history", () -> registry.history(ref));
    }

    @Override
    public List<DeviceEvent> events(long afterSequence, int limit) {
        return observe("events", () -> registry.events(afterSequence, limit));
    }

    @Override
    public List<UsageInterval> usage(String account, Instant from, Instant to) {
        return observe("usage", () -> registry.usage(account, from, to));
    }

    @Override
    public BulkResult registerAll(List<NewDevice> devices, ImportMode mode) {
        return observe("registerAll", () -> registry.registerAll(devices, mode));
    }

    @Override
    public DeviceRegistry with(RequestContext context) {
        return new ObservedRegistry(registry.with(context), listener);
    }

    @Override
    public int purgeIdempotencyKeys(int limit) {
        return observe("purgeIdempotencyKeys", () -> registry.purgeIdempotencyKeys(limit));
    }

    @Override
    public String toString() {
        return registry + " observed by " + listener;
    }
}
