package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.spi.StorageException;
import io.devreg.storage.jdbc.TransactionRunner.Outcome;
import io.devreg.storage.jdbc.TransactionRunner.Write;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runner's one loop of attempts and what a failure says, on a real H2 database whose JDBC
 * calls fail on purpose with the SQLState a database would report: a conflict abort runs again, up
 * to the bound; any other failure is reported at once; and {@link StorageException#outcomeUnknown()}
 * is true exactly when the write may have committed.
 */
class TransactionRunnerTest {

    private final JdbcDataSource h2 = new JdbcDataSource();
    /** Executions and commits to fail, and with which SQLState. */
    private final AtomicInteger failExecutions = new AtomicInteger();
    private final AtomicInteger failCommits = new AtomicInteger();
    private volatile String failState = "40001";
    private final AtomicInteger executions = new AtomicInteger();

    TransactionRunnerTest() throws SQLException {
        h2.setURL("jdbc:h2:mem:runner-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = h2.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE t (x INT PRIMARY KEY)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"40001", "40P01", "55P03", "HYT00"})
    void aConflictAbortRunsTheTransactionAgainAndItAppliesOnce(String state) throws SQLException {
        TransactionRunner runner = TransactionRunner.concurrent(failing(state, 2, 0));

        int inserted = runner.transaction(() -> "insert", handle -> handle.createUpdate("INSERT INTO t VALUES (1)").execute());

        assertThat(inserted).isEqualTo(1);
        assertThat(executions).hasValue(3);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void anyOtherFailureIsReportedAtOnceAndSaysTheWriteDidNotHappen() {
        TransactionRunner runner = TransactionRunner.concurrent(failing("23502", 1, 0));

        assertThatThrownBy(() -> runner.transaction(() -> "insert", handle -> handle.createUpdate("INSERT INTO t VALUES (1)").execute()))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e).hasMessageStartingWith("Could not insert: the database failed (SQLState 23502");
                    assertThat(e.outcomeUnknown()).isFalse();
                });
        assertThat(executions).hasValue(1);
    }

    @Test
    void conflictAbortsAreRetriedAtMostUpToTheBound() {
        TransactionRunner runner = TransactionRunner.concurrent(failing("40P01", Integer.MAX_VALUE, 0));

        assertThatThrownBy(() -> runner.read(() -> "read", handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()))
                .isInstanceOf(StorageException.class).hasMessageContaining("SQLState 40P01");
        assertThat(executions).hasValue(TransactionRunner.ATTEMPTS);
    }

    @Test
    void aWriteThatIsAllowedAgainAfterItsConditionFailedRunsAgainWithinTheSameBound() {
        TransactionRunner runner = TransactionRunner.concurrent(failing("40001", 0, 0));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> runner.write(() -> "change it", Write.<Integer>oneStatement(handle -> {
            attempts.incrementAndGet();
            return Optional.empty();
        }), handle -> Outcome.again("it changed")))
                .isInstanceOf(StorageException.class)
                .hasMessage("Could not change it: it changed, " + TransactionRunner.ATTEMPTS + " times in a row");
        assertThat(attempts).hasValue(TransactionRunner.ATTEMPTS);
    }

    @Test
    void aWriteWhoseCommitFailsMayHaveCommittedButOneThatWroteNothingDidNot() {
        TransactionRunner runner = TransactionRunner.concurrent(failing("08006", 0, 2));

        assertThatThrownBy(() -> runner.write(() -> "insert", Write.transaction(
                handle -> Optional.of(handle.createUpdate("INSERT INTO t VALUES (1)").execute())), handle -> null))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e).hasMessageContaining("the commit failed").hasMessageContaining("outcome is unknown");
                    assertThat(e.outcomeUnknown()).isTrue();
                });
        assertThatThrownBy(() -> runner.write(() -> "insert nothing", Write.<Integer>transaction(handle -> Optional.empty()),
                handle -> Outcome.answer(0)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
    }

    @Test
    void aConflictAbortInTheCommitRolledBackSoItRunsAgain() throws SQLException {
        TransactionRunner runner = TransactionRunner.concurrent(failing("40001", 0, 1));

        runner.transaction(() -> "insert", handle -> handle.createUpdate("INSERT INTO t VALUES (1)").execute());

        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aConnectionLostWhileAnAutoCommittedWriteRanMayHaveCommittedButNotInAnExplicitTransactionOrARead() {
        TransactionRunner runner = TransactionRunner.concurrent(failing("08006", Integer.MAX_VALUE, 0));

        assertThatThrownBy(() -> runner.write(() -> "insert", Write.oneStatement(
                handle -> Optional.of(handle.createUpdate("INSERT INTO t VALUES (1)").execute())), handle -> null))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e).hasMessageContaining("the database connection failed");
                    assertThat(e.outcomeUnknown()).isTrue();
                });
        assertThatThrownBy(() -> runner.write(() -> "insert", Write.transaction(
                handle -> Optional.of(handle.createUpdate("INSERT INTO t VALUES (1)").execute())), handle -> null))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
        assertThatThrownBy(() -> runner.read(() -> "read", handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTransactionThatItsWorkGivesUpLeavesNothingOfWhatItWroteAndOneThatItKeepsCommits(boolean embeddedWriter) {
        TransactionRunner runner = embeddedWriter ? TransactionRunner.serializingWrites(h2)
                : TransactionRunner.concurrent(h2);

        Optional<Integer> givenUp = runner.transactionOrNothing(() -> "insert, then give up", handle -> {
            handle.createUpdate("INSERT INTO t VALUES (1)").execute();
            handle.createUpdate("INSERT INTO t VALUES (2)").execute();
            return Optional.empty();
        });
        Optional<Integer> kept = runner.transactionOrNothing(() -> "insert and keep it",
                handle -> Optional.of(handle.createUpdate("INSERT INTO t VALUES (3)").execute()));
        int afterwards = runner.transaction(() -> "insert again", handle -> handle.createUpdate("INSERT INTO t VALUES (1)").execute());

        assertThat(givenUp).isEmpty();
        assertThat(kept).contains(1);
        assertThat(afterwards).isEqualTo(1);
        List<Integer> stored = runner.read(() -> "read", handle -> handle.createQuery("SELECT x FROM t ORDER BY x")
                .mapTo(Integer.class).list());
        assertThat(stored).containsExactly(1, 3);
        runner.close();
    }

    @Test
    void aTransactionGivenUpIsNotRunAgainButAConflictAbortBeforeItIs() throws SQLException {
        TransactionRunner runner = TransactionRunner.concurrent(failing("40001", 1, 0));
        AtomicInteger attempts = new AtomicInteger();

        Optional<Integer> givenUp = runner.transactionOrNothing(() -> "give up", handle -> {
            attempts.incrementAndGet();
            handle.createUpdate("INSERT INTO t VALUES (1)").execute();
            return Optional.empty();
        });

        assertThat(givenUp).isEmpty();
        assertThat(attempts).as("one conflict abort, then the attempt that gave up").hasValue(2);
        assertThat(executions).hasValue(2);
        assertThat(rows()).isZero();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aWriteThatAsksToRunAgainLeavesNothingOfThatAttemptAndCountsAgainstTheBound(boolean embeddedWriter)
            throws SQLException {
        TransactionRunner runner = embeddedWriter ? TransactionRunner.serializingWrites(h2)
                : TransactionRunner.concurrent(h2);
        AtomicInteger attempts = new AtomicInteger();

        int written = runner.write(() -> "insert", Write.transaction(handle -> {
            int attempt = attempts.incrementAndGet();
            handle.createUpdate("INSERT INTO t VALUES (" + attempt + ")").execute();
            if (attempt == 1) {
                throw new TransactionRunner.RunAgain("decided elsewhere", null);
            }
            return Optional.of(attempt);
        }), handle -> Outcome.answer(0));

        assertThat(written).isEqualTo(2);
        List<Integer> stored = runner.read(() -> "read", handle -> handle.createQuery("SELECT x FROM t")
                .mapTo(Integer.class).list());
        assertThat(stored).as("the first attempt's row was undone").containsExactly(2);

        assertThatThrownBy(() -> runner.write(() -> "insert forever", Write.<Integer>transaction(handle -> {
            attempts.incrementAndGet();
            throw new TransactionRunner.RunAgain("decided elsewhere", null);
        }), handle -> Outcome.answer(0)))
                .isInstanceOf(StorageException.class)
                .hasMessage("Could not insert forever: decided elsewhere, " + TransactionRunner.ATTEMPTS + " times in a row")
                .satisfies(e -> assertThat(((StorageException) e).outcomeUnknown()).isFalse());
        assertThat(attempts).hasValue(2 + TransactionRunner.ATTEMPTS);
        assertThat(rows()).isEqualTo(1);
        runner.close();
    }

    private int rows() throws SQLException {
        try (Connection connection = h2.getConnection(); Statement query = connection.createStatement();
                ResultSet result = query.executeQuery("SELECT COUNT(*) FROM t")) {
            result.next();
            return result.getInt(1);
        }
    }

    /**
     * H2, whose next {@code executions} statement executions fail before they run, and whose next
     * {@code commits} commits fail before they commit, with {@code state}.
     */
    private DataSource failing(String state, int executions, int commits) {
        failState = state;
        failExecutions.set(executions);
        failCommits.set(commits);
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(h2, method, args);
                    return result instanceof Connection connection ? failingConnection(connection) : result;
                });
    }

    private Connection failingConnection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && failCommits.getAndDecrement() > 0) {
                        throw new SQLException("commit failed on purpose", failState);
                    }
                    Object result = invoke(connection, method, args);
                    if (result instanceof Statement statement) {
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {method.getReturnType()},
                                (statementProxy, call, callArgs) -> {
                                    if (call.getName().startsWith("execute")) {
                                        executions.incrementAndGet();
                                        if (failExecutions.getAndDecrement() > 0) {
                                            throw new SQLException("failed on purpose", failState);
                                        }
                                    }
                                    return invoke(statement, call, callArgs);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
