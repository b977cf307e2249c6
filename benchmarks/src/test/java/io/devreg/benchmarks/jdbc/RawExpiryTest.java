package io.devreg.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.DeviceStatus;
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
 * The expiry baseline writes what devreg's {@code expireHolds} writes: every hold that ran out is
 * ended (status, holder, hold times, revision, last update) with one {@code EXPIRE} event carrying
 * its holder, and holds still active are left alone. Runs on H2 and on a real PostgreSQL.
 */
class RawExpiryTest {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void everyHoldThatRanOutEndsWithItsExpireEvent(String database) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.open(database, 0, DeviceStatus.AVAILABLE);
             RawExpiry raw = RawExpiry.leastWork(db, 3)) {
            raw.holdAll("alice", AT, AT.plusSeconds(60));
            Instant later = AT.plusSeconds(60);

            int ended = raw.expireHolds(later);

            assertThat(ended).isEqualTo(3);
            for (int n = 0; n < 3; n++) {
                assertThat(row(raw, DeviceKeys.mac(n))).containsExactly("AVAILABLE", null, null, null, 4L, later);
            }
            assertThat(events(raw)).containsExactly("1 EXPIRE RESERVED AVAILABLE alice",
                    "2 EXPIRE RESERVED AVAILABLE alice", "3 EXPIRE RESERVED AVAILABLE alice");
            assertThat(raw.expireHolds(later)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aHoldStillActiveIsLeftAlone(String database) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.open(database, 0, DeviceStatus.AVAILABLE);
             RawExpiry raw = RawExpiry.leastWork(db, 2)) {
            raw.holdAll("alice", AT, AT.plusSeconds(60));

            int ended = raw.expireHolds(AT.plusSeconds(59));

            assertThat(ended).isZero();
            assertThat(row(raw, DeviceKeys.mac(1)))
                    .containsExactly("RESERVED", "alice", AT, AT.plusSeconds(60), 3L, AT);
            assertThat(events(raw)).isEmpty();
        }
    }

    private static List<Object> row(RawExpiry raw, String mac) throws Exception {
        try (PreparedStatement select = raw.connection().prepareStatement("SELECT status, holder, reserved_at,"
                + " expires_at, revision, last_updated_at FROM " + RawHolds.DEVICES + " WHERE type = ? AND mac = ?")) {
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
                values.add(instant(row.getObject(6, OffsetDateTime.class)));
                return values;
            }
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static List<String> events(RawExpiry raw) throws Exception {
        try (PreparedStatement select = raw.connection().prepareStatement("SELECT device_id, operation, from_status,"
                + " to_status, holder FROM " + RawHolds.EVENTS + " ORDER BY device_id");
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
