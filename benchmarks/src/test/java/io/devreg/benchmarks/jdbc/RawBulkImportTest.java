package io.devreg.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.benchmarks.DeviceKeys;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The import baselines write every device and its REGISTER event: on devreg's tables devreg reads
 * them back as its own registrations; on the least-work tables one row and one event per device.
 * Runs on H2 and on a real PostgreSQL.
 */
class RawBulkImportTest {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theSchemaEqualBaselinesDevicesAreRegistrationsDevregReadsBack(String database) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.open(database, 0, DeviceStatus.INITIALIZING);
             RawBulkImport raw = RawBulkImport.devregTables(db)) {
            DeviceRegistry registry = db.registry(false);

            raw.importDevices(0, 25, 10, AT);

            for (int n : new int[] {0, 9, 10, 24}) {
                Device device = registry.get(DeviceRef.identity(DeviceKeys.TYPE, DeviceKeys.mac(n), null));
                assertThat(device.serialNumber()).isEqualTo(DeviceKeys.serialNumber(n));
                assertThat(device.status()).isEqualTo(DeviceStatus.INITIALIZING);
                assertThat(device.createdAt()).isEqualTo(AT);
                assertThat(registry.history(DeviceRef.id(device.id())))
                        .extracting(event -> event.operation() + " " + event.to())
                        .containsExactly("REGISTER INITIALIZING");
            }
            assertThat(registry.find(DeviceRef.identity(DeviceKeys.TYPE, DeviceKeys.mac(25), null))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theLeastWorkBaselineWritesOneRowAndOneEventPerDevice(String database) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.open(database, 0, DeviceStatus.INITIALIZING);
             RawBulkImport raw = RawBulkImport.leastWork(db)) {

            raw.importDevices(0, 25, 10, AT);

            assertThat(count(raw, "SELECT COUNT(*) FROM " + RawBulkImport.DEVICES)).isEqualTo(25);
            assertThat(count(raw, "SELECT COUNT(DISTINCT device_id) FROM " + RawBulkImport.EVENTS
                    + " e JOIN " + RawBulkImport.DEVICES + " d ON d.id = e.device_id"
                    + " WHERE e.operation = 'REGISTER' AND e.to_status = 'INITIALIZING'")).isEqualTo(25);
            assertThat(count(raw, "SELECT COUNT(*) FROM " + RawBulkImport.EVENTS)).isEqualTo(25);
            assertThat(count(raw, "SELECT COUNT(*) FROM " + RawBulkImport.DEVICES + " WHERE mac = '"
                    + DeviceKeys.mac(24) + "' AND serial_number = '" + DeviceKeys.serialNumber(24) + "'")).isEqualTo(1);
        }
    }

    private static long count(RawBulkImport raw, String sql) throws Exception {
        try (Statement statement = raw.connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
