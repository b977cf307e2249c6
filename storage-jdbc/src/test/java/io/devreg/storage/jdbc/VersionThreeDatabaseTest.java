package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import io.devreg.testkit.ManualClock;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Version 4 opens a database that version 3 wrote (the {@link EveryStatusFixture}) and drops the
 * events' foreign key to the devices: every device, history, the feed, the usage and the key's
 * record read as before, the key still replays, and new writes (single and bulk) append their events
 * after the old ones; a key the user added from the events to a table of their own stays. The script
 * is safe to run again: with its version row gone, a store opening the database runs it once more
 * over a table that has no such key left.
 */
class VersionThreeDatabaseTest {

    private static final List<Schema.Migration> VERSION_THREE = Schema.MIGRATIONS.subList(0, 3);

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aVersionThreeDatabaseLosesTheEventsForeignKeyAndNothingElse(Dialect dialect) throws SQLException {
        // given a database that a version 3 store created and wrote, whose events reference the devices
        String prefix = TestDatabases.freshPrefix();
        ManualClock clock = ManualClock.at(EveryStatusFixture.T0);
        EveryStatusFixture fixture;
        EveryStatusFixture.Reading before;
        try (JdbcDeviceStore previous = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .migrations(VERSION_THREE).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(previous).clock(clock).build();
            fixture = EveryStatusFixture.write(registry, clock, "v3-");
            before = fixture.read(registry, clock);
        }
        EveryStatusFixture.assertWritten(before);
        assertThat(foreignKeys(dialect, prefix, "devices")).as("version 3's key from events to devices").isEqualTo(1);
        // and a key of the user's own, from the events to a table of theirs
        TestDatabases.update(dialect, "CREATE TABLE " + prefix + "user_orders (id BIGINT PRIMARY KEY)");
        TestDatabases.update(dialect, "ALTER TABLE " + prefix + "device_events ADD COLUMN user_order BIGINT"
                + " REFERENCES " + prefix + "user_orders (id)");

        // when version 4 opens it
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).clock(clock).build();

            // then the key is gone, and everything reads as version 3 wrote it
            assertThat(TestDatabases.rows(dialect, "SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                    .containsExactly("1", "2", "3", "4");
            assertThat(foreignKeys(dialect, prefix, "devices")).isZero();
            assertThat(foreignKeys(dialect, prefix, "user_orders")).as("the user's own key stays").isEqualTo(1);
            assertThat(fixture.read(registry, clock)).isEqualTo(before);
            fixture.assertKeyReplays(registry);

            // and new writes append their events after the old ones, in the feed and in a device's history
            Device available = fixture.devices().get(1);
            registry.reserve(new ReserveRequest("camera", null, available.serialNumber()));
            List<NewDevice> more = new ArrayList<>();
            for (int n = 0; n < 1500; n++) {
                more.add(NewDevice.builder("camera").serialNumber("v4-" + n).build());
            }
            assertThat(registry.registerAll(more, ImportMode.CREATE).created()).isEqualTo(1500);
            List<DeviceEvent> feed = wholeFeed(registry);
            assertThat(feed).hasSize(before.feed().size() + 1 + 1500).startsWith(before.feed().toArray(DeviceEvent[]::new));
            assertThat(feed).extracting(DeviceEvent::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(registry.history(DeviceRef.id(available.id())))
                    .startsWith(before.histories().get(1).toArray(DeviceEvent[]::new))
                    .last().extracting(DeviceEvent::operation).isEqualTo(DeviceOperation.RESERVE);
        }

        // and the script runs again, over a table without the key, when its version row is missing
        TestDatabases.update(dialect, "DELETE FROM " + prefix + "schema_version WHERE version = 4");
        try (JdbcDeviceStore again = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix).build();
                JdbcDeviceStore validated = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                        .schemaMode(SchemaMode.VALIDATE).build()) {
            assertThat(TestDatabases.rows(dialect, "SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                    .containsExactly("1", "2", "3", "4");
            assertThat(validated.find(DeviceRef.id(fixture.devices().get(0).id()))).contains(before.devices().get(0));
        }
    }

    /** Every event of the feed, read in pages. */
    private static List<DeviceEvent> wholeFeed(DeviceRegistry registry) {
        List<DeviceEvent> feed = new ArrayList<>();
        List<DeviceEvent> page;
        do {
            page = registry.events(feed.isEmpty() ? 0 : feed.get(feed.size() - 1).sequence(), 1000);
            feed.addAll(page);
        } while (!page.isEmpty());
        return feed;
    }

    /** How many foreign keys the events table has to the table {@code prefix + table}. */
    private static int foreignKeys(Dialect dialect, String prefix, String table) throws SQLException {
        String sql = dialect == Dialect.H2
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r"
                        + " JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS f ON f.CONSTRAINT_NAME = r.CONSTRAINT_NAME"
                        + " JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS u ON u.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME"
                        + " WHERE f.TABLE_SCHEMA = CURRENT_SCHEMA AND f.TABLE_NAME = '"
                        + (prefix + "device_events").toUpperCase(java.util.Locale.ROOT) + "' AND u.TABLE_NAME = '"
                        + (prefix + table).toUpperCase(java.util.Locale.ROOT) + "'"
                : "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = '" + prefix + "device_events'::regclass"
                        + " AND contype = 'f' AND confrelid = '" + prefix + table + "'::regclass";
        return Integer.parseInt(TestDatabases.rows(dialect, sql).get(0));
    }
}
