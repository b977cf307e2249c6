package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import io.devreg.UsageInterval;
import io.devreg.testkit.ManualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Version 3 opens a database that version 2 wrote, through a version 2 store (its migrations end at
 * version 2): devices in every status, a hold with a holder and an expiry, a hold that ran out and was
 * never swept, an activation on an account, events with actor and reason, and an idempotency key's
 * record. After the migration every device, history, the feed, the account's usage and the key's
 * record read as before; the key still answers its replay; on H2 device ids now come from a cache of
 * 1,000, on PostgreSQL the expiry index's predicate no longer names the status; new writes, single
 * and bulk, take ids above every old one; and the hold that ran out is swept.
 */
class VersionTwoDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-09-01T08:00:00.654321Z");
    private static final List<Schema.Migration> VERSION_TWO = Schema.MIGRATIONS.subList(0, 2);


    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aVersionTwoDatabaseIsMigratedWithEveryDeviceEventKeyAndHoldIntact(Dialect dialect) throws SQLException {
        // given a database that a version 2 store created and wrote
        String prefix = TestDatabases.freshPrefix();
        ManualClock clock = ManualClock.at(T0);
        List<Device> devices = new ArrayList<>();
        Device keyed;
        RequestContext key = RequestContext.builder().idempotencyKey("order-7").actor("ops@example.com")
                .reason("checkout").build();
        try (JdbcDeviceStore previous = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .migrations(VERSION_TWO).build()) {
            assertThat(rows(dialect, "SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                    .containsExactly("1", "2");
            if (dialect == Dialect.H2) {
                assertThat(idCache(prefix)).as("H2's default before the migration").isEqualTo(32);
            }
            DeviceRegistry registry = DeviceRegistry.builder().store(previous).clock(clock).build();
            for (int n = 0; n < 7; n++) {
                devices.add(registry.register(NewDevice.builder("camera").serialNumber("v2-" + n).build()));
                clock.advance(Duration.ofSeconds(1));
            }
            for (int n = 1; n < 7; n++) {
                registry.markAvailable(DeviceRef.id(devices.get(n).id()));
            }
            registry.reserve(DeviceRef.id(devices.get(2).id()), Hold.of("cart-2", Duration.ofHours(2)));
            registry.reserve(DeviceRef.id(devices.get(3).id()), Hold.of("cart-3", Duration.ofMinutes(1)));
            registry.activate(DeviceRef.id(devices.get(4).id()), Activation.onAccount("acct-4", null));
            registry.activate(DeviceRef.id(devices.get(5).id()), Activation.onAccount("acct-5", null));
            registry.deactivate(DeviceRef.id(devices.get(5).id()));
            keyed = registry.with(key).reserve(DeviceRef.id(devices.get(6).id()), Hold.of("cart-6"));
            clock.advance(Duration.ofMinutes(5)); // the hold of device 3 runs out, unswept
        }
        List<Device> before = new ArrayList<>();
        List<List<DeviceEvent>> histories = new ArrayList<>();
        List<DeviceEvent> feed;
        List<UsageInterval> usage;
        try (JdbcDeviceStore previous = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .migrations(VERSION_TWO).schemaMode(SchemaMode.VALIDATE).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(previous).clock(clock).build();
            for (Device device : devices) {
                before.add(registry.get(DeviceRef.id(device.id())));
                histories.add(registry.history(DeviceRef.id(device.id())));
            }
            feed = registry.events(0, 1000);
            usage = registry.usage("acct-4", T0, clock.instant());
        }
        assertThat(before).extracting(Device::status).containsExactly(DeviceStatus.INITIALIZING,
                DeviceStatus.AVAILABLE, DeviceStatus.RESERVED, DeviceStatus.AVAILABLE, DeviceStatus.ACTIVATED,
                DeviceStatus.DEACTIVATING, DeviceStatus.RESERVED);
        assertThat(usage).hasSize(1);

        // when version 3 opens it
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).clock(clock).build();

            // then every device, history, the feed and the usage read as version 2 wrote them
            assertThat(rows(dialect, "SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                    .containsExactly("1", "2", "3");
            for (int i = 0; i < devices.size(); i++) {
                assertThat(registry.get(DeviceRef.id(devices.get(i).id()))).isEqualTo(before.get(i));
                assertThat(registry.history(DeviceRef.id(devices.get(i).id()))).isEqualTo(histories.get(i));
            }
            assertThat(registry.events(0, 1000)).isEqualTo(feed);
            assertThat(feed).filteredOn(event -> "order-7".equals(event.idempotencyKey()))
                    .singleElement().satisfies(event -> {
                        assertThat(event.actor()).isEqualTo("ops@example.com");
                        assertThat(event.reason()).isEqualTo("checkout");
                    });
            assertThat(registry.usage("acct-4", T0, clock.instant())).isEqualTo(usage);

            // and the key's record answers its replay, with no write
            AtomicReference<Device> replayed = new AtomicReference<>();
            RequestContext replay = RequestContext.builder().idempotencyKey("order-7").actor("ops@example.com")
                    .reason("checkout").onReplay(replayed::set).build();
            assertThat(registry.with(replay).reserve(DeviceRef.id(devices.get(6).id()), Hold.of("cart-6")))
                    .isEqualTo(keyed);
            assertThat(replayed.get()).isEqualTo(keyed);
            assertThat(registry.events(0, 1000)).isEqualTo(feed);

            // and on H2 ids come from the larger cache, on PostgreSQL the expiry index no longer names the
            // status; new devices, one or many, take ids above the old ones
            if (dialect == Dialect.H2) {
                assertThat(idCache(prefix)).isEqualTo(1000);
            } else {
                assertThat(rows(dialect, "SELECT indexdef FROM pg_indexes WHERE indexname = '" + prefix
                        + "devices_expiry'")).singleElement().asString()
                        .endsWith("(expires_at, id) WHERE (expires_at IS NOT NULL)");
            }
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
                .schemaMode(SchemaMode.VALIDATE).build()) {
            assertThat(validated.find(DeviceRef.id(devices.get(0).id()))).contains(before.get(0));
        }
    }

    /** The H2 identity cache of the devices' id column. */
    private static long idCache(String prefix) throws SQLException {
        List<String> cache = rows(Dialect.H2, "SELECT identity_cache FROM information_schema.columns"
                + " WHERE table_name = '" + (prefix + "devices").toUpperCase(java.util.Locale.ROOT) + "'"
                + " AND column_name = 'ID'");
        assertThat(cache).hasSize(1);
        return Long.parseLong(cache.get(0));
    }

    private static List<String> rows(Dialect dialect, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = TestDatabases.of(dialect).getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
