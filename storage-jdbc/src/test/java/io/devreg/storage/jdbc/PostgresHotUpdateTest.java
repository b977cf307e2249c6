package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, reserve and release without a TTL change no column that an index of the devices
 * table covers or filters on, so the server writes them as heap-only (HOT) updates: no index gets a
 * new entry, and the row's old versions are pruned in place. An index whose predicate names
 * {@code status} would make every status change a full update of all five indexes.
 *
 * <p>The counts come from the statistics collector, which takes up to about half a second to see a
 * backend's writes: the test waits for all of them, then compares.
 */
class PostgresHotUpdateTest {

    private static final int CYCLES = 200;

    @Test
    void reserveAndReleaseWithoutATtlAreHeapOnlyUpdates() throws SQLException, InterruptedException {
        String prefix = TestDatabases.freshPrefix();
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.postgres()).tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            Device device = registry.register(NewDevice.builder("stb").mac("02:00:00:00:00:01").serialNumber("hot-1")
                    .build());
            registry.markAvailable(DeviceRef.id(device.id()));
            for (int i = 0; i < CYCLES; i++) {
                registry.reserve(new ReserveRequest("stb", "02:00:00:00:00:01", null));
                registry.release(DeviceRef.id(device.id()));
            }
        }
        long updates = 1 + 2L * CYCLES;
        long[] counts = counts(prefix + "devices");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (counts[0] < updates && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            counts = counts(prefix + "devices");
        }
        assertThat(counts[0]).as("updates the statistics saw").isEqualTo(updates);
        assertThat(counts[1]).as("of %s updates, heap-only ones", updates).isGreaterThanOrEqualTo(updates * 9 / 10);
    }

    /** The table's updates and heap-only updates, as the statistics collector has them now. */
    private static long[] counts(String table) throws SQLException {
        try (Connection connection = TestDatabases.postgres().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            try (ResultSet rows = statement.executeQuery("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
                    + " WHERE relname = '" + table + "'")) {
                return rows.next() ? new long[] {rows.getLong(1), rows.getLong(2)} : new long[] {0, 0};
            }
        }
    }
}
