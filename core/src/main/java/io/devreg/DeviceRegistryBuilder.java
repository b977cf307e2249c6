package io.devreg;

import io.devreg.spi.DeviceStore;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Builds a {@link DeviceRegistry}. Not thread-safe; the registry it builds is. */
public final class DeviceRegistryBuilder {

    private @Nullable DeviceStore store;
    private Clock clock = Clock.systemUTC();

    DeviceRegistryBuilder() {
    }

    /** Where devices and events are kept. Required. The registry does not close it. */
    public DeviceRegistryBuilder store(DeviceStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /** The source of every timestamp; {@link Clock#systemUTC()} unless set. */
    public DeviceRegistryBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The registry.
     *
     * @throws IllegalStateException if no store was set
     */
    public DeviceRegistry build() {
        if (store == null) {
            throw new IllegalStateException("DeviceRegistry.builder() needs a store: call .store(DeviceStore) first");
        }
        return new StoreBackedRegistry(store, clock);
    }
}
