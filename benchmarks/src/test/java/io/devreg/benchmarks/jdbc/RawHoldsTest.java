package io.devreg.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Reservation;
import io.devreg.benchmarks.DeviceKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hold baselines write what a devreg hold writes: on devreg's tables devreg reads the hold and
 * its events back as its own; on the least-work tables the device row and the events carry the
 * status, the holder and the hold's times. Runs on H2 and on a real PostgreSQL.
 */
class RawHoldsTest {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final Instant EXPIRY = AT.plusSeconds(900);

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theSchemaEqualBaselinesHoldIsOneDevregReadsBack(String database) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.open(database, 4, DeviceStatus.AVAILABLE);
             RawHolds raw = RawHolds.devregTables(db)) {
            DeviceRegistry registry = db.registry(false);
            DeviceRef ref = DeviceRef.identity(DeviceKeys.TYPE, DeviceKeys.mac(1), null);

            boolean reserved = raw.reserve(DeviceKeys.TYPE, DeviceKeys.mac(1), "alice", AT, EXPIRY);
            boolean reservedByOther = raw.reserve(DeviceKeys.TYPE, DeviceKeys.mac(1), "bob", AT, EXPIRY);
            boolean releasedByOther = raw.release(DeviceKeys.TYPE, DeviceKeys.mac(1), "bob", AT);

            assertThat(reserved).isTrue();
            assertThat(reservedByOther).isFalse();
            assertThat(releasedByOther).isFalse();
            Device device = registry.get(ref);
            assertThat(device.status()).isEqualTo(DeviceStatus.RESERVED);
            assertThat(device.reservation()).isEqualTo(new Reservation("alice", AT, EXPIRY));

            boolean released = raw.release(DeviceKeys.TYPE, DeviceKeys.mac(1), "alice", AT.plusSeconds(1));

            assertThat(released).isTrue();
            assertThat(registry.get(ref).status()).isEqualTo(DeviceStatus.AVAILABLE);
            assertThat(registry.get(ref).reservation()).isNull();
            assertThat(registry.history(ref))
                    .extracting(event -> event.operation() + " " + event.holder())
                    .containsExactly("REGISTER null", "RESERVE alice", "RELEASE alice");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theLeastWorkBaselineWritesTheHoldAndItsEvents(String database) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.open(database, 0, DeviceStatus.AVAILABLE);
             RawHolds raw = RawHolds.leastWork(db, 4)) {
            String mac = DeviceKeys.mac(2);

            boolean reserved = raw.reserve(DeviceKeys.TYPE, mac, "alice", AT, EXPIRY);

            assertThat(reserved).isTrue();
            assertThat(row(raw, mac)).containsExactly("RESERVED", "alice", AT, EXPIRY, 3L);

            boolean releasedAfterExpiry = raw.release(DeviceKeys.TYPE, mac, "alice", EXPIRY);
            boolean released = raw.release(DeviceKeys.TYPE, mac, "alice", AT.plusSeconds(1));

            assertThat(releasedAfterExpiry).isFalse();
            assertThat(released).isTrue();
            assertThat(row(raw, mac)).containsExactly("AVAILABLE", null, null, null, 4L);
            assertThat(events(raw)).containsExactly("3 RESERVE AVAILABLE RESERVED alice",
                    "3 RELEASE RESERVED AVAILABLE alice");
        }
    }

    private static List<Object> row(RawHolds raw, String mac) throws Exception {
        try (PreparedStatement select = raw.connection().prepareStatement("SELECT status, holder, reserved_at,"
                + " expires_at, revision FROM " + RawHolds.DEVICES + " WHERE type = ? AND mac = ?")) {
            select.setString(1, DeviceKeys.TYPE);
            select.setString(2, mac);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                List<Object> values = new ArrayList<>();
                values.add(row.getString(1));
                values.add(row.getString(2));
                values.add(instant(row.getObject(3, OffsetDateTime.class)));
                values.add(instant(row.getObject(4, OffsetDateTime.class)));
                values.add(row.getLong(5));
                return values;
            }
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static List<String> events(RawHolds raw) throws Exception {
        try (PreparedStatement select = raw.connection().prepareStatement("SELECT device_id, operation, from_status,"
                + " to_status, holder FROM " + RawHolds.EVENTS + " ORDER BY sequence_number");
             ResultSet rows = select.executeQuery()) {
            List<String> events = new ArrayList<>();
            while (rows.next()) {
                events.add(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
                        + rows.getString(4) + " " + rows.getString(5));
            }
            return events;
        }
    }
}
