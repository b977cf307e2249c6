package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.devreg.BulkResult;
import io.devreg.DeviceRegistry;
import io.devreg.ErrorCode;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowOutcome;
import io.devreg.RowResult;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bulk registration writes in batches: a call costs a few statements per chunk of 1,000 rows, however
 * many of its rows repeat the store's keys or each other's (within a chunk and across chunks) or
 * update devices; never a statement per row. Counted on the JDBC calls the store makes, on H2 and on
 * PostgreSQL, with no other writer (the contract checks what the rows end as).
 */
class BulkBatchesTest {

    private static final int ROWS = 2_500;
    private static final int CHUNKS = 3;

    /**
     * {@code once}: on PostgreSQL under CREATE, the chunk that first meets a taken key runs its two
     * statements twice (first the insert that stops at a taken key, then the one that skips them).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"H2, CREATE, 5, 0", "H2, CREATE_OR_UPDATE, 5, 0", "POSTGRESQL, CREATE, 2, 2",
            "POSTGRESQL, CREATE_OR_UPDATE, 4, 0"})
    void aCallOfRowsFullOfDuplicatesAndUpdatesRunsAFewStatementsPerChunk(Dialect dialect, ImportMode mode,
            int statementsPerChunk, int once) {
        // given a store holding 100 devices, on a database whose statement executions are counted
        AtomicInteger executions = new AtomicInteger();
        DataSource database = dialect == Dialect.POSTGRESQL ? TestDatabases.postgres() : TestDatabases.h2InMemory();
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(counting(database, executions))
                .tablePrefix(TestDatabases.freshPrefix()).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            registry.registerAll(IntStream.range(0, 100).mapToObj(n -> device(1_000_000 + n, "stored")).toList(),
                    ImportMode.CREATE);
            // rows: new devices; every tenth a stored device's keys; every tenth another a row's five rows
            // earlier; in the later chunks every tenth yet another the keys of a row a chunk before
            List<NewDevice> rows = IntStream.range(0, ROWS).mapToObj(i -> switch (i % 10) {
                case 3 -> device(1_000_000 + i / 10 % 100, "imported");
                case 7 -> device(i - 5, "renamed");
                case 0 -> device(i >= 1_000 ? i - 1_000 : i, "imported");
                default -> device(i, "imported");
            }).toList();
            executions.set(0);

            // when they are registered in one call
            BulkResult result = registry.registerAll(rows, mode);

            // then each chunk cost a few statements, and the duplicates were found among them
            assertThat(executions).hasValueLessThanOrEqualTo(CHUNKS * statementsPerChunk + once);
            // a stored device's keys (250 rows), a row five before's (250), a row a chunk before's (100)
            assertThat(result.failed() + result.updated() + result.unchanged()).isEqualTo(600);
        }
    }

    /**
     * On PostgreSQL under CREATE, chunks run the insert that stops at a taken key (cheaper for
     * PostgreSQL) until one stops: that chunk is rolled back and runs again skipping taken keys, and so
     * do the later chunks, so a call pays for one stopped insert at most. Counted: chunk 1 two
     * statements (ids, insert), chunk 2 four (stopped at the stored device's keys, then again), chunk 3
     * two, though it repeats a key within itself, which would stop the first insert again.
     */
    @Test
    void onPostgresChunksStopAtTheFirstTakenKeyOnceThenSkipTakenKeys() throws SQLException {
        AtomicInteger executions = new AtomicInteger();
        String prefix = TestDatabases.freshPrefix();
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(counting(TestDatabases.postgres(), executions))
                .tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            registry.register(device(1_000_000, "stored"));
            List<NewDevice> rows = IntStream.range(0, ROWS).mapToObj(i -> switch (i) {
                case 1_500 -> device(1_000_000, "imported"); // the stored device's keys, in chunk 2
                case 2_400 -> device(2_399, "imported"); // the row before's keys, in chunk 3
                default -> device(i, "imported");
            }).toList();
            executions.set(0);

            BulkResult result = registry.registerAll(rows, ImportMode.CREATE);

            assertThat(executions).hasValue(8);
            assertThat(result.created()).isEqualTo(ROWS - 2);
            assertThat(result.rows()).filteredOn(row -> row.outcome() == RowOutcome.FAILED)
                    .extracting(RowResult::index, RowResult::code)
                    .containsExactly(tuple(1_500, ErrorCode.DEVICE_ALREADY_REGISTERED),
                            tuple(2_400, ErrorCode.DEVICE_ALREADY_REGISTERED));
            assertThat(result.rows()).filteredOn(row -> row.outcome() == RowOutcome.CREATED)
                    .extracting(row -> row.device().id()).isSorted().doesNotHaveDuplicates();
            assertThat(TestDatabases.rows(Dialect.POSTGRESQL, "SELECT COUNT(*), COUNT(DISTINCT device_id) FROM "
                    + prefix + "device_events")).as("one REGISTER event each, none of the stopped insert")
                    .containsExactly((ROWS - 1) + " " + (ROWS - 1));
        }
    }

    private static NewDevice device(int n, String name) {
        return NewDevice.builder("router").mac(String.format("02:00:00:%02x:%02x:%02x", n >> 16, (n >> 8) & 0xff,
                n & 0xff)).serialNumber("sn-" + n).name(name).build();
    }

    /** {@code database}, counting every statement execution (a batch counts once) on its connections. */
    private static DataSource counting(DataSource database, AtomicInteger executions) {
        return (DataSource) Proxy.newProxyInstance(BulkBatchesTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(database, method, args);
                    return result instanceof Connection connection ? countingConnection(connection, executions) : result;
                });
    }

    private static Connection countingConnection(Connection connection, AtomicInteger executions) {
        return (Connection) Proxy.newProxyInstance(BulkBatchesTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (result instanceof Statement statement) {
                        return Proxy.newProxyInstance(BulkBatchesTest.class.getClassLoader(),
                                new Class<?>[] {method.getReturnType()}, (statementProxy, call, callArgs) -> {
                                    if (call.getName().startsWith("execute")) {
                                        executions.incrementAndGet();
                                    }
                                    return invoke(statement, call, callArgs);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
