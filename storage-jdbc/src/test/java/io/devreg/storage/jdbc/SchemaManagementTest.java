package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.spi.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The schema modes, the exported DDL, the schema-version table and the table prefix rule. */
class SchemaManagementTest {

    /** Runs a whole script as one piece of text, as {@code psql -f} or H2's {@code RUNSCRIPT} would: the database splits it. */
    private static void run(DataSource dataSource, String script) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void createBuildsTheSchemaOnceAndALaterStoreUsesItWithItsData(Dialect dialect) {
        String prefix = TestDatabases.freshPrefix();
        Device device;
        try (JdbcDeviceStore first = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix).build()) {
            device = DeviceRegistry.builder().store(first).build()
                    .register(NewDevice.builder("router").serialNumber("sn-1").build());
        }
        try (JdbcDeviceStore second = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .schemaMode(SchemaMode.CREATE).build()) {
            assertThat(second.find(DeviceRef.id(device.id()))).contains(device);
        }
    }

    /**
     * H2 commits every DDL statement on its own, so a process killed while it creates the schema
     * leaves the statements before the kill applied and the rest not. (PostgreSQL's DDL is
     * transactional: a killed creation leaves nothing.) For every such point, the next store
     * completes the schema and works, with its feed starting at sequence 1.
     */
    @Test
    void createCompletesAnH2SchemaWhoseCreationWasCutOffAfterAnyStatement() throws SQLException {
        List<String> statements = SqlScript.statements(JdbcDeviceStore.schemaScript(Dialect.H2, "devreg_"));
        assertThat(statements).hasSizeGreaterThan(5);
        for (int applied = 1; applied < statements.size(); applied++) {
            String prefix = TestDatabases.freshPrefix();
            DataSource database = TestDatabases.h2InMemory();
            List<String> cutOff = SqlScript.statements(JdbcDeviceStore.schemaScript(Dialect.H2, prefix)).subList(0, applied);
            run(database, String.join(";\n", cutOff) + ";\n");

            try (JdbcDeviceStore store = JdbcDeviceStore.builder(database).tablePrefix(prefix).build()) {
                Device device = DeviceRegistry.builder().store(store).build()
                        .register(NewDevice.builder("router").serialNumber("sn-" + applied).build());
                assertThat(store.find(DeviceRef.id(device.id()))).as("after %d statements", applied).contains(device);
                assertThat(store.events(new io.devreg.spi.EventQuery.Feed(0, 10))).as("after %d statements", applied)
                        .singleElement().satisfies(event -> assertThat(event.sequence()).isEqualTo(1));
            }
            try (JdbcDeviceStore again = JdbcDeviceStore.builder(database).tablePrefix(prefix)
                    .schemaMode(SchemaMode.VALIDATE).build()) {
                assertThat(again.events(new io.devreg.spi.EventQuery.Feed(0, 10))).as("after %d statements", applied).hasSize(1);
            }
        }
    }

    /**
     * The counterpart on PostgreSQL: a creation that fails at a late statement (here, the events
     * index, whose name another table's index already has) leaves none of the tables created
     * before it, and the next store, once the obstacle is gone, creates the whole schema.
     */
    @Test
    void aPostgresSchemaCreationThatFailsPartWayLeavesNothingBehind() throws SQLException {
        String prefix = TestDatabases.freshPrefix();
        DataSource database = TestDatabases.postgres();
        run(database, "CREATE TABLE " + prefix + "obstacle (x INTEGER);\n"
                + "CREATE INDEX " + prefix + "device_events_device ON " + prefix + "obstacle (x);\n");

        assertThatThrownBy(() -> JdbcDeviceStore.builder(database).tablePrefix(prefix).build())
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageStartingWith("Could not create or migrate the devreg schema")
                .hasMessageContaining(prefix + "device_events_device");
        assertThat(tableExists(database, prefix + "devices")).as("the devices table").isFalse();
        assertThat(tableExists(database, prefix + "device_events")).as("the events table").isFalse();

        run(database, "DROP TABLE " + prefix + "obstacle;\n");
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(database).tablePrefix(prefix).build()) {
            Device device = DeviceRegistry.builder().store(store).build()
                    .register(NewDevice.builder("router").serialNumber("sn-1").build());
            assertThat(store.find(DeviceRef.id(device.id()))).contains(device);
        }
    }

    private static boolean tableExists(DataSource database, String table) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void validateRefusesAMissingSchemaAndAcceptsTheExportedScriptAppliedByHand(Dialect dialect) throws SQLException {
        String prefix = TestDatabases.freshPrefix();
        assertThatThrownBy(() -> JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .schemaMode(SchemaMode.VALIDATE).build())
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("schema with table prefix '" + prefix + "' is missing")
                .hasMessageContaining("JdbcDeviceStore.schemaScript(Dialect." + dialect);

        run(TestDatabases.of(dialect), JdbcDeviceStore.schemaScript(dialect, prefix));

        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                .schemaMode(SchemaMode.VALIDATE).build()) {
            Device device = DeviceRegistry.builder().store(store).build()
                    .register(NewDevice.builder("router").mac("02:00:00:00:00:01").build());
            assertThat(store.find(DeviceRef.id(device.id()))).contains(device);
            assertThat(store.events(new io.devreg.spi.EventQuery.Feed(0, 10))).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aSchemaNewerThanThisDevregIsRefusedByCreateAndValidate(Dialect dialect) throws SQLException {
        String prefix = TestDatabases.freshPrefix();
        JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix).build().close();
        run(TestDatabases.of(dialect), "INSERT INTO " + prefix + "schema_version (version, description) VALUES (99, 'future')");

        for (SchemaMode mode : new SchemaMode[] {SchemaMode.CREATE, SchemaMode.VALIDATE}) {
            assertThatThrownBy(() -> JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix)
                    .schemaMode(mode).build())
                    .as("schema mode %s", mode)
                    .isExactlyInstanceOf(StorageException.class)
                    .hasMessageContaining("version 99");
        }
    }

    @Test
    void noneChecksNothingSoAMissingSchemaShowsOnFirstUseAsAStorageException() {
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.h2InMemory())
                .tablePrefix(TestDatabases.freshPrefix()).schemaMode(SchemaMode.NONE).build()) {
            assertThatThrownBy(() -> store.find(DeviceRef.id(1)))
                    .isExactlyInstanceOf(StorageException.class)
                    .hasMessageStartingWith("Could not find the device with id 1: the database failed");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theExportedScriptNamesEveryTableWithThePrefixAndRecordsItsVersion(Dialect dialect) {
        String script = JdbcDeviceStore.schemaScript(dialect, "billing_");

        // H2's statements may run twice (see createCompletesAnH2SchemaWhoseCreationWasCutOffAfterAnyStatement)
        String ifAbsent = dialect == Dialect.H2 ? "IF NOT EXISTS " : "";
        assertThat(script).doesNotContain("${prefix}")
                .contains("CREATE TABLE " + ifAbsent + "billing_devices", "CREATE TABLE " + ifAbsent + "billing_device_events",
                        "CREATE TABLE " + ifAbsent + "billing_schema_version",
                        "CREATE UNIQUE INDEX " + ifAbsent + "billing_devices_type_mac ON billing_devices (type, mac)",
                        "INSERT INTO billing_schema_version (version, description) VALUES (1,");
        assertThat(SqlScript.statements(script)).as("the version row comes last")
                .last().asString().startsWith("INSERT INTO billing_schema_version");
        // H2 orders its feed with a counter row; PostgreSQL by transaction ids, with no shared row
        if (dialect == Dialect.H2) {
            assertThat(script).contains("CREATE TABLE IF NOT EXISTS billing_event_counter");
        } else {
            assertThat(script).doesNotContain("event_counter").contains("last_event_sequence");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Devreg_", "1abc", "a-b", "x; DROP TABLE devices; --", "abcdefghijklmnopqrstuvwxyz12345"})
    void aTablePrefixThatIsNoPlainLowerCaseIdentifierIsRefused(String prefix) {
        assertThatThrownBy(() -> JdbcDeviceStore.builder(TestDatabases.h2InMemory()).tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table prefix");
        assertThatThrownBy(() -> JdbcDeviceStore.schemaScript(Dialect.H2, prefix))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
