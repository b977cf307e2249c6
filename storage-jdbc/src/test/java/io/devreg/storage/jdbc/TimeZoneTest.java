package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.testkit.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Instants round-trip exactly, to the microsecond, whatever the JVM's default time zone and the
 * database session's time zone: here both are set far from UTC and from each other, and the
 * instants include daylight-saving transitions of both zones.
 */
class TimeZoneTest {

    /** Instants near DST changes of St. John's and of Europe, and around the epoch and 2038. */
    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2026-03-08T05:30:00.000001Z"),
            Instant.parse("2026-11-01T03:29:59.999999Z"),
            Instant.parse("2026-03-29T01:00:00.123456Z"),
            Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.999999Z"),
            Instant.parse("2038-01-19T03:14:08.654321Z"));

    private TimeZone original;

    @BeforeEach
    void setADefaultZoneFarFromUtc() {
        original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
    }

    @AfterEach
    void restoreTheDefaultZone() {
        TimeZone.setDefault(original);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void instantsRoundTripToTheMicrosecondWhateverTheJvmAndSessionTimeZones(Dialect dialect) {
        String sessionZone = "SET TIME ZONE 'Asia/Kathmandu'"; // the same statement on both databases
        try (HikariDataSource pool = TestDatabases.newPool(dialect, config -> {
                    config.setMaximumPoolSize(2);
                    config.setConnectionInitSql(sessionZone);
                });
                JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(TestDatabases.freshPrefix()).build()) {
            ManualClock clock = ManualClock.at(INSTANTS.get(0));
            DeviceRegistry registry = DeviceRegistry.builder().store(store).clock(clock).build();
            for (int n = 0; n < INSTANTS.size(); n++) {
                Instant registeredAt = INSTANTS.get(n);
                clock.set(registeredAt);
                Device registered = registry.register(NewDevice.builder("router").serialNumber("sn-" + n).build());
                Instant changedAt = registeredAt.plusNanos(1_000);
                clock.set(changedAt);
                Device changed = registry.markAvailable(DeviceRef.id(registered.id()));

                assertThat(registered.createdAt()).isEqualTo(registeredAt);
                assertThat(registry.get(DeviceRef.id(registered.id()))).isEqualTo(changed);
                assertThat(changed.createdAt()).isEqualTo(registeredAt);
                assertThat(changed.lastUpdatedAt()).isEqualTo(changedAt);
                assertThat(registry.history(DeviceRef.id(registered.id()))).extracting(DeviceEvent::at)
                        .containsExactly(registeredAt, changedAt);
            }
        }
    }
}
