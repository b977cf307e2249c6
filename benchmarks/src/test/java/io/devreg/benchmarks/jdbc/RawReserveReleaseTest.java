package io.devreg.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.benchmarks.DeviceKeys;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The least-work reserve+release baseline changes exactly the device its key names, only from the
 * status it expects, and appends one event per change; its tables get the statistics asked for. Runs
 * on H2 and on a real PostgreSQL with PostgreSQL's default settings.
 */
class RawReserveReleaseTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    @ParameterizedTest
    @CsvSource({"h2, serial_number, false", "h2, mac, true", "postgres, serial_number, false", "postgres, mac, false"})
    void aTransitionChangesTheKeyedDeviceFromItsStatusAndAppendsItsEvent(String database, String key, boolean durable)
            throws SQLException {
        try (BenchmarkDatabase db = BenchmarkDatabase.empty(database)) {
            RawReserveRelease.create(db, key, 4, true);
            String two = key.equals("mac") ? DeviceKeys.mac(2) : DeviceKeys.serialNumber(2);
            try (RawReserveRelease raw = RawReserveRelease.open(db, key, durable)) {
                boolean reserved = raw.transition(DeviceKeys.TYPE, two, DeviceOperation.RESERVE, DeviceStatus.AVAILABLE,
                        DeviceStatus.RESERVED, AT);
                boolean again = raw.transition(DeviceKeys.TYPE, two, DeviceOperation.RESERVE, DeviceStatus.AVAILABLE,
                        DeviceStatus.RESERVED, AT);
                boolean unknown = raw.transition(DeviceKeys.TYPE, "no-such-key", DeviceOperation.RESERVE,
                        DeviceStatus.AVAILABLE, DeviceStatus.RESERVED, AT);
                boolean released = raw.transition(DeviceKeys.TYPE, two, DeviceOperation.RELEASE, DeviceStatus.RESERVED,
                        DeviceStatus.AVAILABLE, AT.plusSeconds(1));

                assertThat(List.of(reserved, again, unknown, released)).containsExactly(true, false, false, true);
                assertThat(rows(raw.connection(), "SELECT " + key + ", status, revision FROM "
                        + RawReserveRelease.DEVICES + " ORDER BY id")).containsExactly(
                        keyOf(key, 0) + " AVAILABLE 2", keyOf(key, 1) + " AVAILABLE 2", two + " AVAILABLE 4",
                        keyOf(key, 3) + " AVAILABLE 2");
                assertThat(rows(raw.connection(), "SELECT sequence_number, device_id, operation, from_status, to_status"
                        + " FROM " + RawReserveRelease.EVENTS + " ORDER BY sequence_number")).containsExactly(
                        "1 3 RESERVE AVAILABLE RESERVED", "2 3 RELEASE RESERVED AVAILABLE");
                if (!db.postgres()) {
                    assertThat(rows(raw.connection(), "SELECT DISTINCT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                            + " WHERE SETTING_NAME = 'WRITE_DELAY'")).containsExactly(durable ? "0" : "500");
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"false, -1, false", "true, 4, true"})
    void freshTablesStayNeverAnalyzedAndAnalyzedOnesHaveStatistics(boolean analyzed, String devices,
            boolean autovacuum) throws SQLException {
        try (BenchmarkDatabase db = BenchmarkDatabase.empty("postgres");
             Connection connection = db.leastWorkConnection()) {
            RawReserveRelease.create(db, "mac", 4, analyzed);

            // reltuples: -1 until the table is first analyzed or vacuumed, then the rows counted
            assertThat(rows(connection, "SELECT relname, reltuples::int, COALESCE(reloptions::text, '')"
                    + " NOT LIKE '%autovacuum_enabled=false%' FROM pg_class WHERE relname IN ('"
                    + RawReserveRelease.DEVICES + "', '" + RawReserveRelease.EVENTS + "') ORDER BY relname"))
                    .containsExactly(RawReserveRelease.DEVICES + " " + devices + " " + (autovacuum ? "t" : "f"),
                            RawReserveRelease.EVENTS + " " + (analyzed ? "0" : "-1") + " " + (autovacuum ? "t" : "f"));
            assertThat(rows(connection, "SHOW synchronous_commit")).containsExactly("on");
            assertThat(rows(connection, "SHOW fsync")).containsExactly("on");
        }
    }

    @ParameterizedTest
    @CsvSource({"postgres, mac, true", "h2, id, false"})
    void aBaselineThatCannotBeWhatItSaysIsRefused(String database, String key, boolean durable) {
        try (BenchmarkDatabase db = BenchmarkDatabase.empty(database)) {
            assertThatIllegalArgumentException().isThrownBy(() -> RawReserveRelease.open(db, key, durable));
        }
    }

    private static String keyOf(String key, int n) {
        return key.equals("mac") ? DeviceKeys.mac(n) : DeviceKeys.serialNumber(n);
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column == 1 ? "" : " ").append(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
