package io.devreg.testkit;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that makes JDBC fail on purpose, in the spirit of Quartz's flaky-JDBC test:
 * getting a connection, executing a statement, the commit, or the moment right after the commit
 * throws {@link SQLException} at a configurable rate (see {@link DatabaseFault} for what each kind
 * means to the caller). Everything else passes through to the real data source, so the database is
 * real and only the failures are made up. Counts the faults it injected, by kind.
 */
public final class FaultInjectingDataSource implements DataSource {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final DataSource delegate;
    private final SplittableRandom seeds;
    private final AtomicLongArray injected = new AtomicLongArray(DatabaseFault.values().length);
    private volatile Set<DatabaseFault> kinds = EnumSet.noneOf(DatabaseFault.class);
    private volatile double rate;

    /** Faults over {@code delegate}, none until {@link #inject}; {@code seed} makes the draws repeatable. */
    public FaultInjectingDataSource(DataSource delegate, long seed) {
        this.delegate = delegate;
        this.seeds = new SplittableRandom(seed);
    }

    /** From now on, each chance of a fault of these kinds fails with probability {@code rate}. */
    public void inject(double rate, Set<DatabaseFault> kinds) {
        this.kinds = EnumSet.copyOf(kinds);
        this.rate = rate;
    }

    /** From now on, nothing fails. */
    public void heal() {
        this.rate = 0;
    }

    /** How many faults of each kind were injected so far. */
    public Map<DatabaseFault, Long> injected() {
        Map<DatabaseFault, Long> counts = new EnumMap<>(DatabaseFault.class);
        for (DatabaseFault fault : DatabaseFault.values()) {
            counts.put(fault, injected.get(fault.ordinal()));
        }
        return counts;
    }

    /** How many faults were injected so far, of every kind. */
    public long injectedTotal() {
        return injected().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Connection getConnection() throws SQLException {
        maybeFail(DatabaseFault.GET_CONNECTION);
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        maybeFail(DatabaseFault.GET_CONNECTION);
        return wrap(delegate.getConnection(username, password));
    }

    private void maybeFail(DatabaseFault fault) throws SQLException {
        if (shouldFail(fault)) {
            throw injectedFault(fault);
        }
    }

    private boolean shouldFail(DatabaseFault fault) {
        double current = rate;
        if (current <= 0 || !kinds.contains(fault)) {
            return false;
        }
        double draw;
        synchronized (seeds) {
            draw = seeds.nextDouble();
        }
        if (draw >= current) {
            return false;
        }
        injected.incrementAndGet(fault.ordinal());
        return true;
    }

    private static SQLException injectedFault(DatabaseFault fault) {
        // 08xxx: the SQLState class of connection exceptions, as a driver reports a broken link.
        return new SQLTransientConnectionException("Injected fault: " + fault, "08006");
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(connection));
    }

    /** Fails commits, and hands out statements that fail on execution. */
    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("commit")) {
                maybeFail(DatabaseFault.COMMIT);
                invokeOn(connection, method, args);
                maybeFail(DatabaseFault.AFTER_COMMIT);
                return null;
            }
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return invokeOn(connection, method, args);
            }
            Object result = invokeOn(connection, method, args);
            if (result instanceof Statement statement) {
                Class<?> type = method.getReturnType();
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                        new StatementHandler(connection, statement, proxy));
            }
            return result;
        }
    }

    /** Fails executions before they run, or (in auto-commit mode) right after they committed. */
    private final class StatementHandler implements InvocationHandler {
        private final Connection connection;
        private final Statement statement;
        private final Object connectionProxy;

        StatementHandler(Connection connection, Statement statement, Object connectionProxy) {
            this.connection = connection;
            this.statement = statement;
            this.connectionProxy = connectionProxy;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("getConnection")) {
                return connectionProxy;
            }
            if (!EXECUTE.contains(method.getName())) {
                return invokeOn(statement, method, args);
            }
            maybeFail(DatabaseFault.STATEMENT);
            Object result = invokeOn(statement, method, args);
            if (connection.getAutoCommit()) {
                maybeFail(DatabaseFault.AFTER_COMMIT);
            }
            return result;
        }
    }

    private static Object invokeOn(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "FaultInjectingDataSource[" + delegate + ", rate=" + rate + ", kinds=" + kinds + ']';
    }
}
