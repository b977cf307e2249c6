package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.Reservation;
import io.devreg.UsageInterval;
import io.devreg.spi.EventQuery;
import io.devreg.testkit.ManualClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Version 2 opens a database that version 1 wrote: the version 1 schema (its own script, as a version
 * 1 store created it) holding a device in every status with the events version 1 wrote for them,
 * sequenced as version 1 sequenced them (H2: the counter, 1, 2, 3, ...; PostgreSQL: the writing
 * transactions' ids). The store migrates it and every device, event and history reads as before; a
 * device that was reserved holds an anonymous hold that never expires, begun at its last RESERVE;
 * and the migrated database takes new writes, whose events follow the old ones in the feed.
 */
class VersionOneDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00.123456Z");

    /** One version 1 device: its status and the operations that led there, one minute apart. */
    private record Fixture(int n, DeviceStatus status, List<DeviceOperation> path) {
        String serial() {
            return "v1-" + n;
        }
    }

    private static final List<Fixture> FIXTURES = List.of(
            new Fixture(1, DeviceStatus.INITIALIZING, List.of(DeviceOperation.REGISTER)),
            new Fixture(2, DeviceStatus.AVAILABLE, List.of(DeviceOperation.REGISTER, DeviceOperation.MARK_AVAILABLE)),
            new Fixture(3, DeviceStatus.RESERVED, List.of(DeviceOperation.REGISTER, DeviceOperation.MARK_AVAILABLE,
                    DeviceOperation.RESERVE, DeviceOperation.RELEASE, DeviceOperation.RESERVE)),
            new Fixture(4, DeviceStatus.ACTIVATED, List.of(DeviceOperation.REGISTER, DeviceOperation.MARK_AVAILABLE,
                    DeviceOperation.RESERVE, DeviceOperation.ACTIVATE)),
            new Fixture(5, DeviceStatus.DEACTIVATING, List.of(DeviceOperation.REGISTER, DeviceOperation.MARK_AVAILABLE,
                    DeviceOperation.ACTIVATE, DeviceOperation.DEACTIVATE)));

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aVersionOneDatabaseIsMigratedWithEveryDeviceEventAndHistoryIntact(Dialect dialect) throws SQLException {
        // given a database written by version 1
        String prefix = TestDatabases.freshPrefix();
        JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix).migrations(Schema.MIGRATIONS.subList(0, 1))
                .build().close();
        List<Device> devices = new ArrayList<>();
        List<DeviceEvent> events = new ArrayList<>();
        writeVersionOneData(dialect, prefix, devices, events);

        // when version 2 opens it
        ManualClock clock = ManualClock.at(T0.plus(Duration.ofDays(30)));
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).clock(clock)
                    .holdTtl(Duration.ofMinutes(15)).build();

            // then every device, every history and the whole feed read as version 1 wrote them
            for (Device device : devices) {
                assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(device);
                assertThat(registry.history(DeviceRef.id(device.id())))
                        .isEqualTo(events.stream().filter(event -> event.deviceId() == device.id()).toList());
            }
            assertThat(registry.events(0, 1000)).isEqualTo(events);
            Device reserved = devices.get(2);
            assertThat(reserved.reservation()).isEqualTo(new Reservation(null, T0.plus(Duration.ofMinutes(34)), null));

            // and it takes new writes: the old hold never expires, whatever the default TTL, and ends on release
            assertThat(registry.get(DeviceRef.id(reserved.id())).status()).isEqualTo(DeviceStatus.RESERVED);
            Device released = registry.release(DeviceRef.id(reserved.id()));
            Device active = registry.activate(DeviceRef.id(devices.get(1).id()), Activation.onAccount("acct-1", null));
            Device registered = registry.register(NewDevice.builder("router").serialNumber("v2-1").build());
            registry.markAvailable(DeviceRef.id(registered.id()));
            registry.reserve(DeviceRef.id(registered.id()), Hold.of("checkout-1"));

            List<DeviceEvent> feed = registry.events(0, 1000);
            assertThat(feed).hasSize(events.size() + 5).startsWith(events.toArray(DeviceEvent[]::new));
            assertThat(feed.get(events.size()).sequence()).isGreaterThan(events.get(events.size() - 1).sequence());
            assertThat(released.status()).isEqualTo(DeviceStatus.AVAILABLE);
            assertThat(registered.id()).isGreaterThan(devices.get(devices.size() - 1).id());
            assertThat(registry.usage("acct-1", T0, clock.instant().plusSeconds(60)))
                    .containsExactly(new UsageInterval(active.id(), "acct-1", clock.instant(), clock.instant().plusSeconds(60)));
            assertThat(store.events(new EventQuery.OfDevice(registered.id()))).hasSize(3);
        }
        try (JdbcDeviceStore validated = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .schemaMode(SchemaMode.VALIDATE).build()) {
            assertThat(validated.find(DeviceRef.id(devices.get(0).id()))).contains(devices.get(0));
        }
    }

    /** Inserts the fixtures as version 1 stored them; {@code devices} and {@code events} get what version 2 must read. */
    private static void writeVersionOneData(Dialect dialect, String prefix, List<Device> devices,
            List<DeviceEvent> events) throws SQLException {
        boolean postgres = dialect == Dialect.POSTGRESQL;
        long sequence = postgres ? 500 : 0; // PostgreSQL: transaction ids of a young server; H2: the counter
        try (Connection connection = TestDatabases.of(dialect).getConnection()) {
            for (Fixture fixture : FIXTURES) {
                Instant at = T0.plus(Duration.ofMinutes(10L * fixture.n()));
                long id = insertDevice(connection, prefix, postgres, fixture, at);
                DeviceStatus status = null;
                Instant reservedAt = null;
                for (int step = 0; step < fixture.path().size(); step++) {
                    DeviceOperation operation = fixture.path().get(step);
                    DeviceStatus to = target(operation);
                    Instant when = at.plus(Duration.ofMinutes(step));
                    sequence += postgres ? 7 : 1;
                    DeviceEvent event = new DeviceEvent(sequence, id, operation, status, to, when);
                    insertEvent(connection, prefix, event);
                    events.add(event);
                    status = to;
                    reservedAt = operation == DeviceOperation.RESERVE ? when : reservedAt;
                }
                Instant last = at.plus(Duration.ofMinutes(fixture.path().size() - 1));
                update(connection, "UPDATE " + prefix + "devices SET status = ?, last_updated_at = ?, revision = ?"
                        + (postgres ? ", last_event_sequence = " + sequence : "") + " WHERE id = ?",
                        status.name(), last.atOffset(ZoneOffset.UTC), (long) fixture.path().size(), id);
                devices.add(new Device(id, "router", uuid(fixture), fixture.serial(), null, status, "v1 device",
                        "1.0", at, last, fixture.n() % 2 == 0, fixture.path().size(),
                        status == DeviceStatus.RESERVED ? new Reservation(null, reservedAt, null) : null, null));
            }
            if (!postgres) {
                update(connection, "UPDATE " + prefix + "event_counter SET last_sequence = ? WHERE id = 1", sequence);
            }
        }
    }

    private static long insertDevice(Connection connection, String prefix, boolean postgres, Fixture fixture,
            Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix + "devices (type, uuid,"
                + " serial_number, mac, status, name, version, created_at, last_updated_at, online, revision"
                + (postgres ? ", last_event_sequence" : "") + ") VALUES ('router', ?, ?, NULL, 'INITIALIZING',"
                + " 'v1 device', '1.0', ?, ?, ?, 1" + (postgres ? ", 0" : "") + ")", new String[] {"id"})) {
            insert.setObject(1, uuid(fixture));
            insert.setString(2, fixture.serial());
            insert.setObject(3, at.atOffset(ZoneOffset.UTC));
            insert.setObject(4, at.atOffset(ZoneOffset.UTC));
            insert.setBoolean(5, fixture.n() % 2 == 0);
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void insertEvent(Connection connection, String prefix, DeviceEvent event) throws SQLException {
        update(connection, "INSERT INTO " + prefix + "device_events (sequence_number, device_id, operation, from_status,"
                + " to_status, occurred_at) VALUES (?, ?, ?, ?, ?, ?)", event.sequence(), event.deviceId(),
                event.operation().name(), event.from() == null ? null : event.from().name(), event.to().name(),
                event.at().atOffset(ZoneOffset.UTC));
    }

    private static void update(Connection connection, String sql, @Nullable Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static DeviceStatus target(DeviceOperation operation) {
        return switch (operation) {
            case REGISTER -> DeviceStatus.INITIALIZING;
            case MARK_AVAILABLE, RELEASE, COMPLETE_DEACTIVATION -> DeviceStatus.AVAILABLE;
            case RESERVE -> DeviceStatus.RESERVED;
            case ACTIVATE -> DeviceStatus.ACTIVATED;
            case DEACTIVATE -> DeviceStatus.DEACTIVATING;
            default -> throw new IllegalArgumentException("version 1 had no " + operation);
        };
    }

    private static UUID uuid(Fixture fixture) {
        return new UUID(0x1000 + fixture.n(), 0x8000_0000_0000_0000L + fixture.n());
    }
}
