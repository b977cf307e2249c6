package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.Device;
import io.devreg.DeviceException;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import java.sql.Connection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each store operation is its own committed transaction, also on a pool whose connections come
 * with auto-commit off: another pool sees every write at once, and every connection goes back to
 * the pool with no transaction left open.
 */
class TransactionPolicyTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void onAPoolWithAutoCommitOffEveryOperationIsCommittedWhenItReturns(Dialect dialect) throws Exception {
        String prefix = TestDatabases.freshPrefix();
        try (HikariDataSource manual = TestDatabases.newPool(dialect, config -> {
                    config.setAutoCommit(false);
                    config.setMaximumPoolSize(1); // one connection: whatever one operation leaves, the next meets
                });
                HikariDataSource other = TestDatabases.newPool(dialect, config -> config.setMaximumPoolSize(2));
                JdbcDeviceStore store = JdbcDeviceStore.builder(manual).tablePrefix(prefix).build();
                JdbcDeviceStore observer = JdbcDeviceStore.builder(other).tablePrefix(prefix)
                        .schemaMode(SchemaMode.VALIDATE).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            DeviceRegistry elsewhere = DeviceRegistry.builder().store(observer).build();

            // when a device is registered, moved, refused and updated through the auto-commit-off pool
            Device device = registry.register(NewDevice.builder("router").mac("AA-BB-CC-00-11-22").build());
            DeviceRef ref = DeviceRef.id(device.id());
            registry.markAvailable(ref);
            registry.reserve(ref);
            assertThatThrownBy(() -> registry.reserve(ref)).isInstanceOfSatisfying(DeviceException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_RESERVED));
            Device updated = registry.update(ref, DeviceUpdate.builder().name("hall").expectedRevision(3).build());

            // then the other pool sees each change, committed
            assertThat(elsewhere.get(ref)).isEqualTo(updated);
            assertThat(elsewhere.get(ref).status()).isEqualTo(DeviceStatus.RESERVED);
            assertThat(elsewhere.history(ref)).hasSize(3);
            assertThat(elsewhere.list(DeviceQuery.builder().build()).items()).containsExactly(updated);
            assertThat(registry.events(0, 10)).isEqualTo(elsewhere.events(0, 10));

            // and the pool's only connection came back with auto-commit off and nothing pending
            try (Connection connection = manual.getConnection()) {
                assertThat(connection.getAutoCommit()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void onAPoolWithAutoCommitOnTheStoreLeavesAutoCommitOn(Dialect dialect) throws Exception {
        try (HikariDataSource pool = TestDatabases.newPool(dialect, config -> config.setMaximumPoolSize(1));
                JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(TestDatabases.freshPrefix()).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());
            registry.markAvailable(DeviceRef.id(device.id()));

            try (Connection connection = pool.getConnection()) {
                assertThat(connection.getAutoCommit()).isTrue();
            }
        }
    }
}
