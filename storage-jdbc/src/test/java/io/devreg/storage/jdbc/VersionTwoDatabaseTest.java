package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.testkit.ManualClock;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Version 3 opens a database that version 2 wrote, through a version 2 store (its migrations end at
 * version 2): the {@link EveryStatusFixture}, devices in every status, a hold with a holder and an
 * expiry, a hold that ran out and was never swept, an activation on an account, events with actor and
 * reason, and an idempotency key's record. After the migration every device, history, the feed, the
 * account's usage and the key's record read as before; the key still answers its replay; on H2
 * device ids now come from a cache of 1,000, on PostgreSQL the expiry index's predicate no longer
 * names the status; new writes, single and bulk, take ids above every old one; and the hold that ran
 * out is swept.
 */
class VersionTwoDatabaseTest {

    private static final List<Schema.Migration> VERSION_TWO = Schema.MIGRATIONS.subList(0, 2);
    private static final List<Schema.Migration> VERSION_THREE = Schema.MIGRATIONS.subList(0, 3);

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aVersionTwoDatabaseIsMigratedWithEveryDeviceEventKeyAndHoldIntact(Dialect dialect) throws SQLException {
        // given a database that a version 2 store created and wrote
        String prefix = TestDatabases.freshPrefix();
        ManualClock clock = ManualClock.at(EveryStatusFixture.T0);
        EveryStatusFixture fixture;
        try (JdbcDeviceStore previous = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .migrations(VERSION_TWO).build()) {
            assertThat(TestDatabases.rows(dialect, "SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                    .containsExactly("1", "2");
            if (dialect == Dialect.H2) {
                assertThat(idCache(prefix)).as("H2's default before the migration").isEqualTo(32);
            }
            fixture = EveryStatusFixture.write(DeviceRegistry.builder().store(previous).clock(clock).build(), clock, "v2-");
        }
        EveryStatusFixture.Reading before;
        try (JdbcDeviceStore previous = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .migrations(VERSION_TWO).schemaMode(SchemaMode.VALIDATE).build()) {
            before = fixture.read(DeviceRegistry.builder().store(previous).clock(clock).build(), clock);
        }
        EveryStatusFixture.assertWritten(before);

        // when version 3 opens it
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .migrations(VERSION_THREE).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).clock(clock).build();

            // then every device, history, the feed and the usage read as version 2 wrote them
            assertThat(TestDatabases.rows(dialect, "SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                    .containsExactly("1", "2", "3");
            assertThat(fixture.read(registry, clock)).isEqualTo(before);

            // and the key's record answers its replay, with no write
            fixture.assertKeyReplays(registry);

            // and on H2 ids come from the larger cache, on PostgreSQL the expiry index no longer names the
            // status; new devices, one or many, take ids above the old ones
            if (dialect == Dialect.H2) {
                assertThat(idCache(prefix)).isEqualTo(1000);
            } else {
                assertThat(TestDatabases.rows(dialect, "SELECT indexdef FROM pg_indexes WHERE indexname = '" + prefix
                        + "devices_expiry'")).singleElement().asString()
                        .endsWith("(expires_at, id) WHERE (expires_at IS NOT NULL)");
            }
            List<Device> devices = fixture.devices();
            long oldest = devices.get(devices.size() - 1).id();
            Device registered = registry.register(NewDevice.builder("camera").serialNumber("v3-0").build());
            List<NewDevice> more = new ArrayList<>();
            for (int n = 1; n <= 2500; n++) {
                more.add(NewDevice.builder("camera").serialNumber("v3-" + n).build());
            }
            assertThat(registry.registerAll(more, ImportMode.CREATE).created()).isEqualTo(2500);
            assertThat(registered.id()).isGreaterThan(oldest);
            assertThat(registry.get(DeviceRef.identity("camera", null, "v3-2500")).id()).isGreaterThan(registered.id());
            assertThat(registry.expireHolds(10)).as("the hold that ran out under version 2").isEqualTo(1);
        }
        try (JdbcDeviceStore validated = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .migrations(VERSION_THREE).schemaMode(SchemaMode.VALIDATE).build()) {
            assertThat(validated.find(DeviceRef.id(fixture.devices().get(0).id()))).contains(before.devices().get(0));
        }
    }

    /** The H2 identity cache of the devices' id column. */
    private static long idCache(String prefix) throws SQLException {
        List<String> cache = TestDatabases.rows(Dialect.H2, "SELECT identity_cache FROM information_schema.columns"
                + " WHERE table_name = '" + (prefix + "devices").toUpperCase(java.util.Locale.ROOT) + "'"
                + " AND column_name = 'ID'");
        assertThat(cache).hasSize(1);
        return Long.parseLong(cache.get(0));
    }
}
