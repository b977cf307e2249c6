package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.spi.StorageException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a schema migration runs, from one version to the next: a store opens a database that an
 * earlier devreg wrote, runs the migrations it lacks, and keeps its data. The migration here is a
 * test script, {@code V99__test_migration.sql} (in the test resources), after this release's; built
 * to trip a naive splitter: on PostgreSQL it has a {@code DO $$ ... $$} block, a function body in
 * {@code $body$}, and strings and comments with semicolons.
 */
class MigrationTest {

    private static final Schema.Migration TEST_V99 = new Schema.Migration(99, "test_migration");
    private static final List<Schema.Migration> WITH_TEST_V99 = with(Schema.MIGRATIONS, TEST_V99);

    private static List<Schema.Migration> with(List<Schema.Migration> migrations, Schema.Migration next) {
        List<Schema.Migration> all = new ArrayList<>(migrations);
        all.add(next);
        return all;
    }


    /** A store as a devreg of the previous version builds it: its migrations end before the test's. */
    private static JdbcDeviceStore previousVersion(Dialect dialect, String prefix) {
        return JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix).migrations(Schema.MIGRATIONS).build();
    }

    private static JdbcDeviceStore.Builder currentVersion(Dialect dialect, String prefix) {
        return JdbcDeviceStore.builder(TestDatabases.of(dialect)).tablePrefix(prefix).migrations(WITH_TEST_V99);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDatabaseOfThePreviousVersionIsMigratedOnceAndKeepsItsData(Dialect dialect) throws SQLException {
        // given a database that the previous version created and wrote
        String prefix = TestDatabases.freshPrefix();
        Device device;
        try (JdbcDeviceStore previous = previousVersion(dialect, prefix)) {
            device = DeviceRegistry.builder().store(previous).build()
                    .register(NewDevice.builder("router").serialNumber("sn-1").build());
        }

        // when the current version opens it
        try (JdbcDeviceStore current = currentVersion(dialect, prefix).build()) {
            // then the missing migration ran, every statement of it whole, and the data are still there
            assertThat(TestDatabases.rows(dialect, "SELECT id, note FROM " + prefix + "migration_check ORDER BY id")).containsExactly(
                    "1 it's; one string", dialect == Dialect.POSTGRESQL ? "2 from the DO block; row 2" : "2 from the script; row 2",
                    dialect == Dialect.POSTGRESQL ? "3 from the DO block; row 3" : "3 from the script; row 3");
            assertThat(TestDatabases.rows(dialect, "SELECT version FROM " + prefix + "schema_version ORDER BY version"))
                    .containsExactly("1", "2", "3", "4", "99");
            assertThat(current.find(DeviceRef.id(device.id()))).contains(device);
        }
        if (dialect == Dialect.POSTGRESQL) {
            assertThat(TestDatabases.rows(dialect, "SELECT " + prefix + "checked('x')")).containsExactly("checked; x");
        }

        // and a store opened later finds nothing to do (on PostgreSQL the script's inserts would fail a second time)
        try (JdbcDeviceStore again = currentVersion(dialect, prefix).build();
                JdbcDeviceStore validated = currentVersion(dialect, prefix).schemaMode(SchemaMode.VALIDATE).build()) {
            assertThat(again.find(DeviceRef.id(device.id()))).contains(device);
            assertThat(validated.events(new io.devreg.spi.EventQuery.Feed(0, 10))).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void validateNamesTheMigrationsThatAreMissing(Dialect dialect) {
        String prefix = TestDatabases.freshPrefix();
        assertThatThrownBy(() -> currentVersion(dialect, prefix).schemaMode(SchemaMode.VALIDATE).build())
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("'" + prefix + "' is missing migrations 1 (V1__devices.sql), 2"
                        + " (V2__holds_accounts_keys.sql), 3 (V3__cheaper_writes.sql), 4 (V4__events_without_device_key.sql),"
                        + " 99 (V99__test_migration.sql)");

        previousVersion(dialect, prefix).close();

        assertThatThrownBy(() -> currentVersion(dialect, prefix).schemaMode(SchemaMode.VALIDATE).build())
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("'" + prefix + "' is missing migration 99 (V99__test_migration.sql), which this"
                        + " devreg needs for schema version 99")
                .hasMessageContaining("JdbcDeviceStore.schemaScript(Dialect." + dialect + ", \"" + prefix + "\")");
    }

    @Test
    void aScriptThatDoesNotRecordItsVersionFailsTheMigrationAndLeavesNothingOnPostgres() {
        String prefix = TestDatabases.freshPrefix();
        Schema.Migration forgetful = new Schema.Migration(100, "test_forgets_its_version");

        assertThatThrownBy(() -> JdbcDeviceStore.builder(TestDatabases.postgres()).tablePrefix(prefix)
                .migrations(with(Schema.MIGRATIONS, forgetful)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V100__test_forgets_its_version.sql did not record its version");
        assertThatThrownBy(() -> TestDatabases.rows(Dialect.POSTGRESQL, "SELECT 1 FROM " + prefix + "devices"))
                .as("PostgreSQL rolled the whole migration back").isInstanceOf(SQLException.class);
    }
}
