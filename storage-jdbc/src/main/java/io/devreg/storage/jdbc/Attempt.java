package io.devreg.storage.jdbc;

import io.devreg.storage.jdbc.Failures.Phase;

/** How far one attempt of a {@link TransactionRunner} operation got: what its failure means. */
final class Attempt {
    private final boolean writes;
    Phase phase = Phase.CONNECT;
    /** A write statement is running on an auto-commit connection, which commits it by itself. */
    boolean autoCommittedWrite;
    /** The write changed something, which its commit makes permanent. */
    boolean wrote;

    Attempt(boolean writes) {
        this.writes = writes;
    }

    /** Whether a write that failed with {@code e} may have committed. */
    boolean outcomeUnknown(Exception e) {
        return writes && ((phase == Phase.COMMIT && wrote && !Failures.isRetryable(e))
                || (autoCommittedWrite && Failures.isConnectionLoss(e)));
    }
}
