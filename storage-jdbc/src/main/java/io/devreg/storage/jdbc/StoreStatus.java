package io.devreg.storage.jdbc;

import java.util.Objects;

/**
 * How a {@link JdbcDeviceStore}'s database stands, as {@link Monitoring#status()} read it: for health
 * checks and dashboards.
 *
 * @param dialect            the database
 * @param schemaVersion      the newest devreg schema version the database records; 0 when it records
 *                           none (a schema made without the schema-version table, under
 *                           {@link SchemaMode#NONE})
 * @param latestFeedSequence the sequence of the newest event the change feed
 *                           ({@link io.devreg.DeviceRegistry#events}) returns now; 0 when there is none.
 *                           A consumer whose last sequence is below it has events to read.
 */
public record StoreStatus(Dialect dialect, int schemaVersion, long latestFeedSequence) {

    /** Checks the values. */
    public StoreStatus {
        Objects.requireNonNull(dialect, "dialect");
    }
}
