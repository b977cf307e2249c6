package io.devreg.testkit;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.Page;
import io.devreg.RequestContext;
import io.devreg.Reservation;
import io.devreg.UsageInterval;
import io.devreg.ValidationException;
import io.devreg.spi.DeviceStore;
import io.devreg.testkit.RegistryModel.Invalid;
import io.devreg.testkit.RegistryModel.ModelDevice;
import io.devreg.testkit.RegistryModel.ModelEvent;
import io.devreg.testkit.RegistryModel.ModelHold;
import io.devreg.testkit.RegistryModel.ModelInterval;
import io.devreg.testkit.RegistryModel.NoOutcome;
import io.devreg.testkit.RegistryModel.Outcome;
import io.devreg.testkit.RegistryModel.Refused;
import io.devreg.testkit.RegistryModel.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The system under test of the stateful model test: a registry over the store under test, with a
 * {@link ManualClock} that moves one tick per operation. It records each operation's answer, maps
 * the store's ids to the model's ordinals, and checks what the model leaves to the store (id and
 * sequence order, which existing device a duplicate reports).
 */
final class ModelHarness {

    private static final int FEED_WINDOW = 50;
    private static final int OBSERVED_PAGES = 4;
    private static final int SMALL_WINDOW = 3;

    private final DeviceRegistry registry;
    private final ManualClock clock = ManualClock.at(StoreSpec.START);
    private final List<Long> ids = new ArrayList<>();
    private Outcome outcome = new NoOutcome();
    private int steps;
    private Duration advanced = Duration.ZERO;

    ModelHarness(DeviceStore store) {
        this.registry = DeviceRegistry.builder().store(store).clock(clock).holdTtl(RegistryModel.HOLD_TTL)
                .maxHoldLifetime(RegistryModel.MAX_HOLD_LIFETIME).build();
    }

    /** Runs one operation a tick after the previous one and records its answer or its devreg exception. */
    void run(Function<DeviceRegistry, Outcome> operation) {
        run(null, operation);
    }

    /**
     * Runs one operation, as {@link #run(Function)} does, through a view whose writes carry
     * {@code key} as their idempotency key (none when null).
     */
    void run(@Nullable String key, Function<DeviceRegistry, Outcome> operation) {
        clock.advance(StoreSpec.TICK);
        steps++;
        DeviceRegistry target = key == null ? registry
                : registry.with(RequestContext.builder().idempotencyKey(key).build());
        try {
            outcome = operation.apply(target);
        } catch (ValidationException e) {
            outcome = new Invalid(e.errors().keySet());
        } catch (DeviceException e) {
            outcome = new Refused(e.code(), e.device().map(this::model).orElse(null));
        }
    }

    /** Moves the clock on by {@code duration}, as time passing between operations. */
    void advance(Duration duration) {
        clock.advance(duration);
        advanced = advanced.plus(duration);
    }

    /** Everything the model predicts, as the store shows it now. */
    State observe() {
        // The page size moves with every step, so paging is exercised across page boundaries.
        List<ModelDevice> devices = walk(null, Set.of(), null, 1 + steps % OBSERVED_PAGES);
        List<DeviceEvent> feed = new ArrayList<>();
        long after = 0;
        List<DeviceEvent> window;
        do { // no writer runs now, so a short window is the end of the feed
            window = registry.events(after, FEED_WINDOW);
            for (DeviceEvent event : window) {
                if (event.sequence() <= after) {
                    throw new AssertionError("The feed went back from sequence " + after + " to " + event);
                }
                after = event.sequence();
                feed.add(event);
            }
        } while (window.size() == FEED_WINDOW);
        checkWindow(feed);
        return new State(devices, feed.stream().map(this::model).toList(), outcome, steps, advanced, Map.of());
    }

    /** Checks one small window of the feed, starting at a position that moves with every step. */
    private void checkWindow(List<DeviceEvent> feed) {
        if (feed.isEmpty()) {
            return;
        }
        int start = steps % feed.size();
        List<DeviceEvent> expected = feed.subList(start + 1, Math.min(feed.size(), start + 1 + SMALL_WINDOW));
        List<DeviceEvent> window = registry.events(feed.get(start).sequence(), SMALL_WINDOW);
        if (!window.equals(expected)) {
            throw new AssertionError("events(" + feed.get(start).sequence() + ", " + SMALL_WINDOW + ") returned "
                    + window + " from the feed " + feed);
        }
    }

    /** Every page of a listing, checking each page's size against the limit. */
    List<ModelDevice> walk(@Nullable String type, Set<DeviceStatus> statuses, @Nullable Boolean online, int pageSize) {
        List<ModelDevice> all = new ArrayList<>();
        long lastId = 0;
        String cursor = null;
        do {
            DeviceQuery.Builder query = DeviceQuery.builder().type(type).limit(pageSize).after(cursor);
            if (!statuses.isEmpty()) {
                query.status(statuses.toArray(DeviceStatus[]::new));
            }
            if (online != null) {
                query.online(online);
            }
            Page<Device> page = registry.list(query.build());
            if (page.items().size() > pageSize || page.nextCursor().isPresent() && page.items().size() < pageSize) {
                throw new AssertionError("A page of " + page.items().size() + " devices for limit " + pageSize
                        + (page.nextCursor().isPresent() ? " with" : " without") + " a next cursor");
            }
            for (Device device : page.items()) {
                if (lastId >= device.id()) {
                    throw new AssertionError("Listed " + device + " after id " + lastId);
                }
                lastId = device.id();
                all.add(model(device));
            }
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return all;
    }

    /**
     * Records a newly registered device's id, which must exceed every id before it; a device already
     * known (the replay of a registration under its idempotency key) is only mapped.
     */
    ModelDevice registered(Device device) {
        if (ids.contains(device.id())) {
            return model(device);
        }
        if (!ids.isEmpty() && device.id() <= ids.get(ids.size() - 1)) {
            throw new AssertionError("Registered " + device + " after id " + ids.get(ids.size() - 1));
        }
        ids.add(device.id());
        return model(device);
    }

    /** Checks that a refused registration reports a stored device that has one of its keys. */
    void checkConflict(NewDevice device, DeviceException refused) {
        Device existing = refused.device().orElseThrow(() -> new AssertionError("No device in " + refused));
        boolean conflicts = existing.uuid().equals(device.uuid()) || existing.type().equals(device.type())
                && (device.mac() != null && device.mac().equals(existing.mac())
                || device.serialNumber() != null && device.serialNumber().equals(existing.serialNumber()));
        if (!conflicts || !registry.get(DeviceRef.id(existing.id())).equals(existing)) {
            throw new AssertionError(device + " was refused for " + existing + ", which is not a stored duplicate");
        }
    }

    /** The id of the device registered {@code ordinal}-th, or an id that no device has. */
    long idOf(int ordinal) {
        return ordinal < ids.size() ? ids.get(ordinal) : Long.MAX_VALUE - ordinal;
    }

    ModelDevice model(Device device) {
        Reservation hold = device.reservation();
        return new ModelDevice(ordinalOf(device.id()), device.type(), device.uuid(), device.serialNumber(), device.mac(),
                device.status(), device.name(), device.version(), device.createdAt(), device.lastUpdatedAt(),
                device.online(), device.revision(),
                hold == null ? null : new ModelHold(hold.holder(), hold.reservedAt(), hold.expiresAt()), device.account());
    }

    ModelEvent model(DeviceEvent event) {
        return new ModelEvent(ordinalOf(event.deviceId()), event.operation(), event.from(), event.to(), event.at(),
                event.holder(), event.account(), event.idempotencyKey());
    }

    ModelInterval model(UsageInterval interval) {
        return new ModelInterval(ordinalOf(interval.deviceId()), interval.account(), interval.from(), interval.to());
    }

    /** The model's ordinal of a device id; -1 for an id the store never returned, which no model has. */
    private int ordinalOf(long id) {
        return ids.indexOf(id);
    }

    @Override
    public String toString() {
        return "ModelHarness[ids=" + ids + ", " + Objects.toString(outcome) + ']';
    }
}
