package io.devreg.storage.jdbc;

import io.devreg.storage.jdbc.Failures.Phase;
import io.devreg.storage.jdbc.TransactionRunner.Work;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store's writes: one at a time, under a lock, on one Jdbi handle kept open between
 * them, with auto-commit off and each statement prepared once ({@link PreparedOnce}). See
 * {@link TransactionRunner} for why they run one at a time. After any failure the handle is closed,
 * and the next write opens another, so a broken connection never outlives the write that found it.
 */
final class EmbeddedWriter {

    private final Jdbi jdbi;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable Handle handle; // guarded by lock

    EmbeddedWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs {@code work} on the writer's handle, alone. */
    <T> T run(Work<T> work) throws SQLException {
        lock.lock();
        try {
            Handle open = handle == null ? open() : handle;
            try {
                return work.on(open);
            } catch (TransactionRunner.RunAgain e) {
                if (e.getSuppressed().length > 0) {
                    discard(e); // its rollback failed: the attempt's writes may still be open on the handle
                }
                throw e; // else the attempt was rolled back, and the handle is sound
            } catch (RuntimeException | SQLException e) {
                discard(e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private Handle open() throws SQLException {
        Handle opened = jdbi.open();
        try {
            PreparedOnce statements = new PreparedOnce();
            opened.setStatementBuilder(statements);
            opened.addCleanable(() -> statements.close(opened.getConnection()));
            opened.getConnection().setAutoCommit(false); // every write is a transaction
        } catch (RuntimeException | SQLException e) {
            TransactionRunner.closeQuietly(opened, e);
            throw e;
        }
        handle = opened;
        return opened;
    }

    private void discard(Exception cause) {
        Handle failed = handle;
        handle = null;
        if (failed != null) {
            TransactionRunner.rollbackQuietly(failed, cause);
            TransactionRunner.closeQuietly(failed, cause);
        }
    }

    /** Closes the handle, after the write in flight. */
    void close() {
        lock.lock();
        try {
            Handle open = handle;
            handle = null;
            if (open != null) {
                try {
                    open.rollback(); // nothing is ever left open between writes; this only makes sure
                } finally {
                    open.close();
                }
            }
        } catch (JdbiException e) {
            throw Failures.of("close the embedded writer's connection", Phase.STATEMENT, false, e);
        } finally {
            lock.unlock();
        }
    }
}
