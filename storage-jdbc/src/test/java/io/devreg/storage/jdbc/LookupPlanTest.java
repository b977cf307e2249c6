package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.DeviceRegistry;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way of naming a device (id, uuid, type and mac, type and serial number, all three) is served
 * by its index on a fresh database whose tables have never been analyzed, as a new user's database
 * is for its first minute: no lookup walks the devices of a type. The devices are mac-only,
 * serial-only and both, so an index over a column most rows lack would hold them all.
 */
class LookupPlanTest {

    private static final int EACH = 400;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyLookupUsesItsIndexBeforeAnyStatisticsExist(Dialect dialect) throws SQLException {
        DataSource database = TestDatabases.of(dialect);
        String prefix = TestDatabases.freshPrefix();
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(database).tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            List<NewDevice> devices = new ArrayList<>();
            for (int i = 0; i < EACH; i++) {
                devices.add(NewDevice.builder("router").mac(mac(i)).build());
                devices.add(NewDevice.builder("router").serialNumber("sn-" + i).build());
                devices.add(NewDevice.builder("router").mac(mac(EACH + i)).serialNumber("both-" + i).build());
            }
            assertThat(registry.registerAll(devices, ImportMode.CREATE).created()).isEqualTo(3 * EACH);
        }
        String table = prefix + "devices";
        Map<KeyShape, String> values = Map.of(
                KeyShape.ID, "id = 7",
                KeyShape.UUID, "uuid = '" + UUID.randomUUID() + "'",
                KeyShape.TYPE_MAC, "type = 'router' AND mac = '" + mac(5) + "'",
                KeyShape.TYPE_SERIAL, "type = 'router' AND serial_number = 'sn-5'",
                KeyShape.TYPE_MAC_SERIAL, "type = 'router' AND mac = '" + mac(EACH + 5) + "' AND serial_number = 'both-5'");
        try (Connection connection = database.getConnection()) {
            if (dialect == Dialect.POSTGRESQL) {
                assertThat(text(connection, "SELECT COALESCE(last_analyze, last_autoanalyze) IS NULL FROM"
                        + " pg_stat_user_tables WHERE relname = '" + table + "'")).as("never analyzed").isEqualTo("t\n");
            }
            for (KeyShape shape : KeyShape.values()) {
                String where = values.get(shape);
                assertThat(where.replaceAll("'[^']*'|\\d+", "?")).as("the store's own condition for %s", shape)
                        .isEqualTo(shape.condition.replaceAll(":\\w+", "?"));
                String plan = dialect == Dialect.POSTGRESQL
                        ? text(connection, "EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM " + table + " WHERE " + where)
                        : text(connection, "EXPLAIN SELECT id FROM " + table + " WHERE " + where);
                assertThat(plan).as("%s, plan:%n%s", shape, plan).containsIgnoringCase(index(dialect, prefix, shape))
                        .doesNotContainIgnoringCase("Seq Scan").doesNotContainIgnoringCase("tableScan");
                if (dialect == Dialect.POSTGRESQL) {
                    Matcher removed = Pattern.compile("Rows Removed by (Index Recheck|Filter): (\\d+)").matcher(plan);
                    while (removed.find()) {
                        assertThat(Integer.parseInt(removed.group(2))).as("%s, plan:%n%s", shape, plan)
                                .isLessThanOrEqualTo(2);
                    }
                }
            }
        }
    }

    /** The index a lookup of {@code shape} must use; either identity index serves all three values. */
    private static String index(Dialect dialect, String prefix, KeyShape shape) {
        return switch (shape) {
            case ID -> dialect == Dialect.POSTGRESQL ? prefix + "devices_pkey" : "PRIMARY_KEY";
            case UUID -> prefix + "devices_uuid";
            case TYPE_MAC -> prefix + "devices_type_mac";
            case TYPE_SERIAL -> prefix + "devices_type_serial";
            case TYPE_MAC_SERIAL -> prefix + "devices_type_";
        };
    }

    private static String mac(int n) {
        return String.format(Locale.ROOT, "02:00:00:00:%02x:%02x", n / 256, n % 256);
    }

    private static String text(Connection connection, String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                text.append(rows.getString(1)).append('\n');
            }
        }
        return text.toString();
    }
}
