package io.devreg.spring.boot;

import io.devreg.DeviceRegistryException;
import io.devreg.RegistryListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Every {@link RegistryListener} bean, as the one listener a registry takes: each hears everything, in order. */
final class RegistryListeners implements RegistryListener {

    private final List<RegistryListener> listeners;

    private RegistryListeners(List<RegistryListener> listeners) {
        this.listeners = listeners;
    }

    /** The listener that tells all of {@code listeners}; empty when there are none. */
    static Optional<RegistryListener> of(List<RegistryListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(listeners.get(0));
            default -> Optional.of(new RegistryListeners(List.copyOf(listeners)));
        };
    }

    @Override
    public void operationFinished(String operation, Duration duration, @Nullable DeviceRegistryException failure) {
        for (RegistryListener listener : listeners) {
            listener.operationFinished(operation, duration, failure);
        }
    }

    @Override
    public void holdsExpired(int count) {
        for (RegistryListener listener : listeners) {
            listener.holdsExpired(count);
        }
    }

    @Override
    public String toString() {
        return "RegistryListeners" + listeners;
    }
}
