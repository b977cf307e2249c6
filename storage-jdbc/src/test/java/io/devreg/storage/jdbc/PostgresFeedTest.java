package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's change feed, whose sequences are transaction ids (see {@link JdbcDeviceStore}, "The
 * change feed"): what it holds back and why, and how a device's events stay in order when
 * transaction ids are handed out in a different order than the device's row is written.
 */
class PostgresFeedTest {

    private final String prefix = TestDatabases.freshPrefix();
    private final JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.postgres()).tablePrefix(prefix).build();
    private final DeviceRegistry registry = DeviceRegistry.builder().store(store).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anEventIsDeliveredOnlyOnceEveryTransactionThatBeganWritingBeforeItHasEnded() throws SQLException {
        // given a device, and another application's transaction that has begun writing and stays open
        Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());
        DeviceRef ref = DeviceRef.id(device.id());
        List<DeviceEvent> history;
        long other;
        try (Connection connection = TestDatabases.postgres().getConnection()) {
            connection.setAutoCommit(false);
            other = longOf(connection, "SELECT pg_current_xact_id()::text::bigint");

            // when devreg writes meanwhile
            registry.markAvailable(ref);

            // then the device's history has the new event, but the feed holds it back behind the open transaction
            history = registry.history(ref);
            assertThat(history).extracting(DeviceEvent::operation)
                    .containsExactly(DeviceOperation.REGISTER, DeviceOperation.MARK_AVAILABLE);
            assertThat(history.get(1).sequence()).isGreaterThan(other);
            assertThat(registry.events(0, 10)).containsExactly(history.get(0));
            connection.rollback();
        }

        // and delivers it as soon as that transaction has ended
        assertThat(registry.events(0, 10)).isEqualTo(history);
    }

    @Test
    void aTransitionWhoseTransactionIdIsOlderThanTheDevicesLastEventRunsAgainSoTheHistoryStaysInOrder()
            throws SQLException {
        // given an available device, and a transaction that got its id before the next writer of the device
        Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());
        DeviceRef ref = DeviceRef.id(device.id());
        registry.markAvailable(ref);
        FirstConnectionGiven dataSource = new FirstConnectionGiven(TestDatabases.postgres());
        try (JdbcDeviceStore other = JdbcDeviceStore.builder(dataSource).tablePrefix(prefix)
                .schemaMode(SchemaMode.NONE).build()) {
            DeviceRegistry otherRegistry = DeviceRegistry.builder().store(other).build();
            Connection early = TestDatabases.postgres().getConnection();
            early.setAutoCommit(false);
            long earlyId = longOf(early, "SELECT pg_current_xact_id()::text::bigint");
            registry.reserve(ref); // a later transaction id, committed first

            // when the other store's release runs first inside the early transaction
            dataSource.giveNext(early);
            otherRegistry.release(ref);

            // then the release was not recorded under the early, smaller id: the device's events are in order
            assertThat(dataSource.given()).as("the early transaction was used").isNull();
            List<DeviceEvent> history = registry.history(ref);
            assertThat(history).extracting(DeviceEvent::operation).containsExactly(DeviceOperation.REGISTER,
                    DeviceOperation.MARK_AVAILABLE, DeviceOperation.RESERVE, DeviceOperation.RELEASE);
            assertThat(history).extracting(DeviceEvent::sequence).isSorted().doesNotHaveDuplicates()
                    .doesNotContain(earlyId);
            assertThat(registry.events(0, 10)).isEqualTo(history);
        }
    }

    @Test
    void aRefusedTransitionCommitsNoTransaction() throws SQLException {
        // given a device that is not available
        Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());
        long nextId = nextTransactionId();

        // when a reserve is refused
        assertThatThrownBy(() -> registry.reserve(DeviceRef.id(device.id()))).isInstanceOf(DeviceException.class);

        // then it took no transaction id: a refusal stays a read, with nothing to commit
        assertThat(nextTransactionId()).isEqualTo(nextId);
    }

    private static long nextTransactionId() throws SQLException {
        try (Connection connection = TestDatabases.postgres().getConnection()) {
            return longOf(connection, "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
        }
    }

    private static long longOf(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Connections of a pool, except that the next one can be given in advance. */
    private static final class FirstConnectionGiven implements DataSource {
        private final DataSource pool;
        private final AtomicReference<Connection> next = new AtomicReference<>();

        FirstConnectionGiven(DataSource pool) {
            this.pool = pool;
        }

        void giveNext(Connection connection) {
            next.set(connection);
        }

        Connection given() {
            return next.get();
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection given = next.getAndSet(null);
            return given != null ? given : pool.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
