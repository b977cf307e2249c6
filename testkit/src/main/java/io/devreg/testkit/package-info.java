/**
 * Test support for devreg users and store authors: {@link io.devreg.testkit.TestDeviceRegistry}
 * (an in-memory registry with a {@link io.devreg.testkit.ManualClock}),
 * {@link io.devreg.testkit.DeviceStoreContract} (the storage conformance suite), and the reliability
 * contracts every devreg store also passes: {@link io.devreg.testkit.ReservationRaceContract}
 * (threads racing), {@link io.devreg.testkit.InjectedFaultsContract} (a JDBC store under injected
 * database faults, {@link io.devreg.testkit.FaultInjectingDataSource}) and
 * {@link io.devreg.testkit.DatabaseOutageContract} (a database stopped and started again), with
 * {@link io.devreg.testkit.RegistryInvariants}, what must hold of a registry after any of them.
 */
@NullMarked
package io.devreg.testkit;

import org.jspecify.annotations.NullMarked;
