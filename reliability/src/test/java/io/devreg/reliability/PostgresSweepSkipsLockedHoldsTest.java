package io.devreg.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.testkit.Figures;
import io.devreg.testkit.ManualClock;
import io.devreg.testkit.RegistryInvariants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A sweep on PostgreSQL never waits for a hold another transaction has locked: it ends the others and
 * leaves that one to a later sweep, so that instances sweeping at once (or a sweep meeting a write in
 * flight) never queue behind each other. The race of {@code TwoInstancesContract} proves every hold
 * ends once; this proves nobody waits, which a sweep that locked its rows without skipping the locked
 * ones would still get right, slowly.
 */
class PostgresSweepSkipsLockedHoldsTest {

    private static final int HOLDS = 10;
    /** Far longer than a sweep of ten holds takes, even on a loaded machine; a waiting sweep waits for ever. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void aSweepEndsEveryExpiredHoldButTheOneAnotherTransactionHoldsLockedWithoutWaitingForIt() throws Exception {
        String prefix = TestStores.freshPrefix();
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:15:30Z"));
        ExecutorService sweeper = Executors.newSingleThreadExecutor();
        try (HikariDataSource pool = TestStores.postgresPool(4);
                JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).clock(clock).build();
            for (int i = 0; i < HOLDS; i++) {
                Device device = registry.register(NewDevice.builder("sweep").serialNumber("sn-" + i).build());
                registry.markAvailable(DeviceRef.id(device.id()));
                registry.reserve(DeviceRef.id(device.id()), Hold.of("cart-" + i, Duration.ofMinutes(10)));
            }
            clock.advance(Duration.ofMinutes(11));
            Device locked = registry.get(DeviceRef.identity("sweep", null, "sn-0"));

            long started;
            int ended;
            try (Connection other = pool.getConnection()) {
                other.setAutoCommit(false);
                try (PreparedStatement lock = other.prepareStatement("SELECT id FROM " + prefix
                        + "devices WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, locked.id());
                    try (ResultSet row = lock.executeQuery()) {
                        assertThat(row.next()).isTrue();
                    }
                }
                started = System.nanoTime();
                Future<Integer> sweep = sweeper.submit(() -> registry.expireHolds(100));
                ended = sweep.get(BOUND.toSeconds(), TimeUnit.SECONDS); // a sweep that waits for the lock times out here
                other.rollback();
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(ended).as("the holds the sweep ended beside the locked one").isEqualTo(HOLDS - 1);
            assertThat(registry.history(DeviceRef.id(locked.id()))).extracting(DeviceEvent::operation)
                    .doesNotContain(DeviceOperation.EXPIRE);
            assertThat(registry.expireHolds(100)).as("the locked hold, once its lock is gone").isOne();
            assertThat(RegistryInvariants.allEvents(registry)).filteredOn(e -> e.operation() == DeviceOperation.EXPIRE)
                    .extracting(DeviceEvent::deviceId).hasSize(HOLDS).doesNotHaveDuplicates();
            RegistryInvariants.check(registry);
            Figures.of("PostgresSweepSkipsLockedHoldsTest").put("holds", HOLDS).put("lockedByAnotherTransaction", 1)
                    .put("endedBesideTheLockedOne", ended).put("sweepMillis", tookMillis).publish();
        } finally {
            sweeper.shutdownNow();
        }
    }
}
