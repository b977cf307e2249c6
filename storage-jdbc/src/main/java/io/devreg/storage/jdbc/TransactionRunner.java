package io.devreg.storage.jdbc;

import io.devreg.spi.StorageException;
import io.devreg.storage.jdbc.Failures.Phase;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the store reaches its database: connections, transactions, statement reuse and
 * retries, all through Jdbi {@link Handle}s.
 *
 * <p><b>Transactions.</b> Every store operation is one transaction of its own, committed before the
 * operation returns, whatever the pool's auto-commit setting. On an auto-commit connection a
 * one-statement operation runs as that statement alone (one round trip); anything else runs between
 * the handle's {@code begin()} and {@code commit()}, and the connection goes back to the pool as it
 * came. Nothing here joins a caller's transaction.
 *
 * <p><b>The embedded writer.</b> The embedded store ({@link #serializingWrites}) runs its writes one at
 * a time, on one long-lived handle whose statements are each prepared once ({@link PreparedOnce}).
 * H2 makes a commit visible to other transactions a moment before it writes it to the file; were
 * writes concurrent, a write that depended on another's result could reach the file while the other,
 * cut off by a crash, did not. One at a time, the file always holds a prefix of the writes, and a
 * crash loses at most the one in flight, which had not returned. H2 writes its file under one lock
 * anyway, so this costs the embedded store little concurrency. After any failure the writer's
 * handle is closed and the next write opens another. Reads run concurrently on handles of their own.
 *
 * <p><b>Attempts.</b> An operation runs up to {@value #ATTEMPTS} times, in one loop, for one of two
 * reasons, each logged at DEBUG with its cause: a failure that the database classified as leaving
 * nothing behind and worth another try ({@link Failures#isRetryable}: a serialization failure, a
 * deadlock, a lock timeout), or a conditional write that did not apply and whose follow-up read
 * found its condition true again ({@link Outcome#again}: a concurrent write changed the device in
 * between). Every other failure is reported at once as a {@link StorageException} (see
 * {@link Failures}), whose {@link StorageException#outcomeUnknown()} is true exactly when the write
 * may have committed: it failed in or after its commit, or its connection was lost while an
 * auto-committed write statement ran.
 */
final class TransactionRunner implements AutoCloseable {

    /** The most times an operation runs. Each retry follows a concurrent commit or a conflict abort. */
    static final int ATTEMPTS = 10;

    /** Jdbi's parsed-SQL cache: more than the store's SQL texts (by key shape, status count, query shape). */
    private static final int STATEMENT_CACHE_SIZE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);

    /** Work on an open handle. */
    @FunctionalInterface
    interface Work<T> {
        T on(Handle handle) throws SQLException;
    }

    /**
     * A write: its work, which answers empty when its condition did not hold (then it wrote nothing),
     * and whether it is one statement, which an auto-commit connection runs without an explicit
     * transaction.
     */
    record Write<T>(boolean isOneStatement, Work<Optional<T>> work) {
        static <T> Write<T> oneStatement(Work<Optional<T>> work) {
            return new Write<>(true, work);
        }

        static <T> Write<T> transaction(Work<Optional<T>> work) {
            return new Write<>(false, work);
        }

        <R> Write<R> map(Function<? super T, ? extends R> mapping) {
            return new Write<>(isOneStatement, handle -> work.on(handle).map(mapping));
        }
    }

    /** What a write answers when its condition did not hold: a result (kept or undone), or to be run again. */
    sealed interface Outcome<T> {
        record Answer<T>(T value) implements Outcome<T> {
        }

        record Undone<T>(T value) implements Outcome<T> {
        }

        record Again<T>(String reason) implements Outcome<T> {
        }

        static <T> Outcome<T> answer(T value) {
            return new Answer<>(value);
        }

        /** Answers {@code value} and rolls the write's transaction back: only a {@link Write#transaction} can. */
        static <T> Outcome<T> undo(T value) {
            return new Undone<>(value);
        }

        static <T> Outcome<T> again(String reason) {
            return new Again<>(reason);
        }
    }

    /**
     * Thrown by a write's work to undo everything the attempt wrote and run the operation again: it
     * found that a concurrent transaction, now committed, decides the answer (the work's next run
     * reads it). Counts against the bound on attempts like {@link Outcome#again}.
     */
    static final class RunAgain extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunAgain(String reason, @Nullable Throwable cause) {
            super(reason, cause, true, false); // a failed rollback is added as suppressed: see EmbeddedWriter
        }
    }

    private record Operation<T>(boolean writes, Write<T> first, @Nullable Work<Outcome<T>> otherwise) {
    }

    private final Jdbi jdbi;
    private final @Nullable EmbeddedWriter writer;

    private TransactionRunner(Jdbi jdbi, @Nullable EmbeddedWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    /** Operations on {@code dataSource} that run concurrently, as the database allows, each on a handle of its own. */
    static TransactionRunner concurrent(DataSource dataSource) {
        return new TransactionRunner(jdbi(dataSource), null);
    }

    /** Writes one at a time on one long-lived handle; reads concurrently, each on a handle of its own. */
    static TransactionRunner serializingWrites(DataSource dataSource) {
        Jdbi jdbi = jdbi(dataSource);
        return new TransactionRunner(jdbi, new EmbeddedWriter(jdbi));
    }

    private static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        // Every transaction is ended here, also on pools whose connections come with auto-commit off.
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        // Statements hold complete SQL (the table names went in when they were built): nothing to render;
        // and the parsed SQL is looked up without a lock.
        CaffeineJdbiCache cache = new CaffeineJdbiCache(STATEMENT_CACHE_SIZE);
        jdbi.getConfig(SqlStatements.class).setTemplateEngine(new NoTemplateEngine()).setTemplateCache(cache)
                .setSqlParser(new ColonPrefixSqlParser(cache));
        return jdbi;
    }

    /** Runs a read; {@code what} names it in a failure message. Its result must not be null. */
    <T> T read(Supplier<String> what, Work<T> read) {
        return run(what, new Operation<>(false, Write.oneStatement(handle -> Optional.of(read.on(handle))), null));
    }

    /** Runs a write of several statements in one transaction: all of it or nothing. Its result must not be null. */
    <T> T transaction(Supplier<String> what, Work<T> work) {
        return run(what, new Operation<>(true, Write.transaction(handle -> Optional.of(work.on(handle))), null));
    }

    /**
     * Runs a write of several statements in one transaction that {@code work} may give up: when it
     * answers empty, everything it wrote is rolled back, and so is answered. A failure is retried
     * (or reported) as for {@link #transaction}.
     */
    <T> Optional<T> transactionOrNothing(Supplier<String> what, Work<Optional<T>> work) {
        return run(what, new Operation<>(true, Write.transaction(handle -> work.on(handle).map(Optional::of)),
                handle -> Outcome.undo(Optional.empty())));
    }

    /**
     * Runs a conditional write; when it wrote nothing, {@code otherwise} reads what to answer instead,
     * on the same handle (in the same transaction, unless the write was one auto-committed statement),
     * or asks for the write to be run again.
     */
    <T> T write(Supplier<String> what, Write<T> write, Work<Outcome<T>> otherwise) {
        return run(what, new Operation<>(true, write, otherwise));
    }

    private <T> T run(Supplier<String> what, Operation<T> operation) {
        for (int attempt = 1; ; attempt++) {
            Attempt state = new Attempt(operation.writes());
            try {
                Outcome<T> outcome = operation.writes() && writer != null
                        ? writer.run(handle -> once(handle, operation, state))
                        : onHandleOfItsOwn(operation, state);
                if (outcome instanceof Outcome.Answer<T> answer) {
                    return answer.value();
                }
                if (outcome instanceof Outcome.Undone<T> undone) {
                    return undone.value();
                }
                again(what, attempt, ((Outcome.Again<T>) outcome).reason());
            } catch (RunAgain e) {
                again(what, attempt, e.getMessage());
            } catch (JdbiException | SQLException e) {
                boolean outcomeUnknown = state.outcomeUnknown(e);
                if (outcomeUnknown || !Failures.isRetryable(e) || attempt == ATTEMPTS) {
                    throw Failures.of(what.get(), state.phase, outcomeUnknown, e);
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{}: attempt {} of {} failed with SQLState {}, which leaves nothing behind; trying again",
                            what.get(), attempt, ATTEMPTS, Failures.sqlState(e), e);
                }
            }
        }
    }

    /** Logs that attempt {@code attempt} wrote nothing for {@code reason}; fails if it was the last. */
    private static void again(Supplier<String> what, int attempt, String reason) {
        if (attempt == ATTEMPTS) {
            throw new StorageException("Could not " + what.get() + ": " + reason + ", " + ATTEMPTS + " times in a row");
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: attempt {} of {} wrote nothing: {}; trying again", what.get(), attempt, ATTEMPTS, reason);
        }
    }

    private <T> Outcome<T> onHandleOfItsOwn(Operation<T> operation, Attempt state) throws SQLException {
        Handle handle = jdbi.open();
        Outcome<T> outcome;
        try {
            outcome = once(handle, operation, state);
        } catch (RuntimeException | SQLException e) {
            closeQuietly(handle, e);
            throw e;
        }
        closeQuietly(handle, null); // the work is done and its result known; the pool deals with a bad connection
        return outcome;
    }

    /** One attempt on {@code handle}: its own transaction, committed or rolled back before it returns. */
    private static <T> Outcome<T> once(Handle handle, Operation<T> operation, Attempt state) throws SQLException {
        state.phase = Phase.STATEMENT;
        boolean transaction = !(operation.first().isOneStatement() && handle.getConnection().getAutoCommit());
        if (transaction) {
            handle.begin();
        }
        try {
            state.autoCommittedWrite = operation.writes() && !transaction;
            Optional<T> written = operation.first().work().on(handle);
            state.autoCommittedWrite = false;
            state.wrote = written.isPresent();
            Outcome<T> outcome = written.isPresent() ? Outcome.answer(written.get())
                    : Objects.requireNonNull(operation.otherwise(), "otherwise").on(handle);
            if (outcome instanceof Outcome.Undone) {
                if (!transaction) {
                    throw new IllegalStateException("Only a write in a transaction of its own can be undone");
                }
                handle.rollback();
            } else if (transaction) {
                state.phase = Phase.COMMIT; // Jdbi rolls back a commit that fails
                handle.commit();
            }
            return outcome;
        } catch (RuntimeException | SQLException e) {
            if (transaction && state.phase != Phase.COMMIT) {
                rollbackQuietly(handle, e);
            }
            throw e;
        }
    }

    /** Closes the embedded writer's handle, if any, after the write in flight. */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    static void rollbackQuietly(Handle handle, Exception cause) {
        try {
            handle.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    static void closeQuietly(Handle handle, @Nullable Exception cause) {
        try {
            handle.close();
        } catch (RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
