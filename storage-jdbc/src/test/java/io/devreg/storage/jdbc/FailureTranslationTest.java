package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.spi.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/**
 * Database failures reach the caller as {@link StorageException}s that say what happened, never as
 * SQLException or Jdbi exceptions.
 */
class FailureTranslationTest {

    @Test
    void aDatabaseThatCannotBeReachedFailsTheBuildWithAStorageException() {
        try (HikariDataSource nowhere = TestDatabases.newPostgresPool(config -> {
            config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/devreg");
            config.setConnectionTimeout(500);
            config.setInitializationFailTimeout(-1); // let the pool start; the store must report the failure
        })) {
            assertThatThrownBy(() -> JdbcDeviceStore.builder(nowhere).build())
                    .isExactlyInstanceOf(StorageException.class)
                    .hasMessageStartingWith("Could not connect to the database: no database connection");
        }
    }

    @Test
    void operationsOnAClosedPoolFailWithAStorageExceptionThatSaysSo() {
        HikariDataSource pool = TestDatabases.newPostgresPool(config -> config.setMaximumPoolSize(2));
        JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(TestDatabases.freshPrefix()).build();
        DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
        Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());

        pool.close();

        assertThatThrownBy(() -> registry.markAvailable(DeviceRef.id(device.id())))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("Could not MARK_AVAILABLE id " + device.id())
                .hasMessageContaining("no database connection");
        assertThatThrownBy(() -> registry.events(0, 10))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("no database connection");
        store.close();
    }

    @Test
    void aWriteThatTimesOutWaitingForALockFailsWithAStorageExceptionAndChangesNothing() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        try (HikariDataSource pool = TestDatabases.newPostgresPool(config -> {
                    config.setMaximumPoolSize(2);
                    config.setConnectionInitSql("SET statement_timeout = '300ms'");
                });
                JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());

            // given another session holding the device's row lock
            try (Connection blocker = TestDatabases.postgres().getConnection()) {
                blocker.setAutoCommit(false);
                try (PreparedStatement lock = blocker.prepareStatement(
                        "SELECT id FROM " + prefix + "devices WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, device.id());
                    lock.executeQuery().close();
                }

                // when a transition has to wait longer than the statement timeout
                assertThatThrownBy(() -> registry.markAvailable(DeviceRef.id(device.id())))
                        .isExactlyInstanceOf(StorageException.class)
                        .hasMessageContaining("timed out");
                blocker.rollback();
            }

            // then nothing changed
            assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(device);
            assertThat(registry.events(0, 10)).hasSize(1);
        }
    }

    @Test
    void aSecondEmbeddedStoreOnTheSameDirectoryInOneProcessIsRefusedClearly() {
        Path directory = TestDatabases.freshDirectory();
        try (JdbcDeviceStore first = JdbcDeviceStore.embedded(directory)) {
            assertThatThrownBy(() -> JdbcDeviceStore.embedded(directory))
                    .isExactlyInstanceOf(StorageException.class)
                    .hasMessageContaining("already open in this process");
            assertThat(first.find(DeviceRef.id(1))).isEmpty();
        }
        try (JdbcDeviceStore reopened = JdbcDeviceStore.embedded(directory)) {
            assertThat(reopened.find(DeviceRef.id(1))).as("closing released the directory").isEmpty();
        }
    }

    @Test
    void aClosedStoreRefusesEveryOperation() {
        JdbcDeviceStore store = JdbcDeviceStore.embedded(TestDatabases.freshDirectory());
        store.close();
        assertThatThrownBy(() -> store.find(DeviceRef.id(1)))
                .isExactlyInstanceOf(StorageException.class).hasMessageContaining("closed");
        store.close(); // idempotent
    }
}
