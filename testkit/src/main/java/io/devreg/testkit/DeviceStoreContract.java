package io.devreg.testkit;

import io.devreg.spi.DeviceStore;

/**
 * The storage conformance suite. A store's test class extends it and implements
 * {@link #createStore()}.
 */
public abstract class DeviceStoreContract {

    /** A fresh, empty store; called once per test (and per property-test run). */
    protected abstract DeviceStore createStore();
}
