/**
 * Test support for devreg users and store authors: {@link io.devreg.testkit.TestDeviceRegistry}
 * (an in-memory registry with a {@link io.devreg.testkit.ManualClock}) and
 * {@link io.devreg.testkit.DeviceStoreContract} (the storage conformance suite).
 */
@NullMarked
package io.devreg.testkit;

import org.jspecify.annotations.NullMarked;
