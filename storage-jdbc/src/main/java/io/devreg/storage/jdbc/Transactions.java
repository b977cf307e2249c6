package io.devreg.storage.jdbc;

import io.devreg.spi.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jspecify.annotations.Nullable;

/**
 * The transaction policy: every store operation is one transaction of its own, committed before
 * the operation returns, whatever the pool's auto-commit setting. On an auto-commit connection a
 * one-statement operation runs as that statement alone (one round trip); anything else runs
 * between an explicit begin and commit, and the connection goes back to the pool as it came.
 * Nothing here joins a caller's transaction.
 *
 * <p>The embedded store also runs its writes one at a time ({@link #serializingWrites}). H2 makes a
 * commit visible to other transactions a moment before it writes it to the file; were writes
 * concurrent, a write that depended on another's result could reach the file while the other, cut
 * off by a crash, did not. One at a time, the file always holds a prefix of the writes, and a crash
 * loses at most the one in flight, which had not returned. H2 writes its file under one lock
 * anyway, so this costs the embedded store little concurrency.
 *
 * <p>Every failure leaves as a {@link StorageException} that says what happened; a transaction
 * the database aborted to resolve a conflict (serialization failure, deadlock) ran to no effect
 * and is retried a few times first.
 */
final class Transactions {

    /** Work on an open handle. */
    @FunctionalInterface
    interface Work<T> {
        T on(Handle handle) throws SQLException;
    }

    /** Work on a connection of the store's DataSource, in plain JDBC. */
    @FunctionalInterface
    interface StatementWork<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Work on the embedded store's {@link WriterConnection}, in plain JDBC. */
    @FunctionalInterface
    interface WriterWork<T> {
        T on(WriterConnection writer) throws SQLException;
    }

    private static final int ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final @Nullable Lock writeLock;
    private final @Nullable WriterConnection writer; // only with the write lock, which guards it

    private Transactions(Jdbi jdbi, DataSource dataSource, @Nullable Lock writeLock,
            @Nullable WriterConnection writer) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.writeLock = writeLock;
        this.writer = writer;
    }

    /** Transactions that may run concurrently, as the database allows; {@code jdbi} is on {@code dataSource}. */
    static Transactions concurrent(Jdbi jdbi, DataSource dataSource) {
        return new Transactions(jdbi, dataSource, null, null);
    }

    /**
     * Transactions whose writes run one at a time, each committed to the file before the next
     * starts; {@link #writeOnWriter} runs on a connection of {@code dataSource} kept for it.
     */
    static Transactions serializingWrites(Jdbi jdbi, DataSource dataSource) {
        return new Transactions(jdbi, dataSource, new ReentrantLock(), new WriterConnection(dataSource));
    }

    /** Whether {@link #writeOnWriter} is available: writes are serialized and have their own connection. */
    boolean hasWriter() {
        return writer != null;
    }

    /**
     * Runs a write of several statements in one transaction on the writer connection, under the
     * write lock, with the same failure reporting and retries as {@link #write}.
     */
    <T> T writeOnWriter(Supplier<String> what, WriterWork<T> work) {
        WriterConnection own = Objects.requireNonNull(writer, "writer");
        Lock lock = Objects.requireNonNull(writeLock, "writeLock");
        for (int attempt = 1; ; attempt++) {
            lock.lock();
            try {
                return committed(connect(own::connection), () -> work.on(own));
            } catch (JdbiException | SQLException e) {
                own.discard(e);
                if (attempt < ATTEMPTS && isConflictAbort(e)) {
                    continue;
                }
                throw Failures.of(what.get(), true, e);
            } catch (RuntimeException e) {
                own.discard(e);
                throw e;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Closes the writer connection, if any, waiting for the write in flight. */
    void closeWriter() {
        if (writer == null || writeLock == null) {
            return;
        }
        writeLock.lock();
        try {
            writer.close();
        } catch (SQLException e) {
            throw Failures.of("close the writer connection", false, e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs a read; {@code what} names it in a failure message. */
    <T> T read(Supplier<String> what, Work<T> work) {
        return run(what, false, true, work);
    }

    /**
     * Runs a read of one statement in plain JDBC, on a connection of its own: the path of an
     * uncached lookup, which Jdbi's per-statement work would make several times dearer on H2.
     */
    <T> T readStatement(Supplier<String> what, StatementWork<T> work) {
        return withRetries(what, false, () -> statementOnce(work));
    }

    /** Runs a write made of one statement. */
    <T> T writeOneStatement(Supplier<String> what, Work<T> work) {
        return run(what, true, true, work);
    }

    /**
     * Runs a write made of one statement in plain JDBC, on a connection of the DataSource: the same
     * transaction policy, failure reporting and retries as {@link #writeOneStatement}, without
     * Jdbi's per-statement set-up (the hot path of a shared database's transitions).
     */
    <T> T writeStatement(Supplier<String> what, StatementWork<T> work) {
        return withRetries(what, true, () -> statementOnce(work));
    }

    /** Runs a write made of several statements, in one transaction. */
    <T> T write(Supplier<String> what, Work<T> work) {
        return run(what, true, false, work);
    }

    private <T> T run(Supplier<String> what, boolean write, boolean oneStatement, Work<T> work) {
        return withRetries(what, write, () -> once(oneStatement, work));
    }

    /** One try of an operation: its own transaction, committed or rolled back before it returns. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code attempt} (a write under the write lock, if there is one), again after a conflict
     * abort, and reports any failure as a {@link StorageException}.
     */
    private <T> T withRetries(Supplier<String> what, boolean write, Attempt<T> attempt) {
        for (int tries = 1; ; tries++) {
            try {
                if (write && writeLock != null) {
                    writeLock.lock();
                    try {
                        return attempt.run();
                    } finally {
                        writeLock.unlock();
                    }
                }
                return attempt.run();
            } catch (JdbiException | SQLException e) {
                if (tries < ATTEMPTS && isConflictAbort(e)) {
                    continue;
                }
                throw Failures.of(what.get(), write, e);
            }
        }
    }

    private <T> T once(boolean oneStatement, Work<T> work) throws SQLException {
        try (Handle handle = jdbi.open()) {
            Connection connection = handle.getConnection();
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit && oneStatement) {
                return work.on(handle);
            }
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try {
                T result = work.on(handle);
                commit(connection);
                return result;
            } catch (RuntimeException | SQLException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                if (autoCommit) {
                    restoreAutoCommit(connection);
                }
            }
        }
    }

    private <T> T statementOnce(StatementWork<T> work) throws SQLException {
        Connection connection = connect(dataSource::getConnection);
        T result;
        try {
            result = connection.getAutoCommit() ? work.on(connection) : committed(connection, () -> work.on(connection));
        } catch (RuntimeException | SQLException e) {
            closeQuietly(connection, e);
            throw e;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // The statement is done and its result known; the pool deals with a connection it cannot take back.
        }
        return result;
    }

    /** A connection from {@code source}; failing, a {@link ConnectionException}: nothing was sent, like jdbi.open(). */
    private static Connection connect(ConnectionSource source) {
        try {
            return source.get();
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }

    @FunctionalInterface
    private interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** Runs {@code attempt} in {@code connection}'s transaction and commits it; rolls it back if the attempt fails. */
    private static <T> T committed(Connection connection, Attempt<T> attempt) throws SQLException {
        T result;
        try {
            result = attempt.run();
        } catch (RuntimeException | SQLException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
        commit(connection);
        return result;
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new TransactionException("commit failed", e);
        }
    }

    /** After a commit, a failure here must not read as "nothing happened": it is reported like a failed commit. */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new TransactionException("restoring auto-commit failed", e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static boolean isConflictAbort(Exception e) {
        String state = Failures.sqlState(e);
        return !(e instanceof ConnectionException) && !(e instanceof TransactionException)
                && ("40001".equals(state) || "40P01".equals(state));
    }
}
