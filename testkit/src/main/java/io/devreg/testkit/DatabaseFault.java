package io.devreg.testkit;

/**
 * Where {@link FaultInjectingDataSource} makes JDBC fail, in the order a registry call meets them.
 * Each kind has a different consequence for the caller, which is what the fault tests check.
 */
public enum DatabaseFault {
    /** {@code DataSource.getConnection()} fails: nothing was sent; the operation did not happen. */
    GET_CONNECTION,
    /** Executing a statement fails before it runs: the transaction rolls back; the operation did not happen. */
    STATEMENT,
    /**
     * {@code Connection.commit()} fails before the database commits. The caller cannot tell this
     * from a commit that was lost on the way back, so the outcome is unknown to it; in fact the
     * operation did not happen.
     */
    COMMIT,
    /**
     * The database committed, then the caller sees an {@code SQLException} (a reply lost on the
     * wire): the outcome is unknown to the caller; in fact the operation happened. In auto-commit
     * mode every statement commits itself, so this fault strikes right after a statement ran.
     */
    AFTER_COMMIT
}
