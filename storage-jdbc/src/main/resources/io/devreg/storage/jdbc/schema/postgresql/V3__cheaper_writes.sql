-- devreg schema version 3: writes that cost less. On PostgreSQL, the expiry sweep's index no longer
-- names the status in its predicate. (On H2, device ids come from a larger cache: see its script.)
-- ${prefix} is the table prefix (JdbcDeviceStore.Builder.tablePrefix, "devreg_" by default).
--
-- PostgreSQL writes an update as heap-only (HOT: no index touched, old versions pruned in place)
-- only when no column that an index covers or filters on changes. Version 2's expiry index was
-- partial on "status = 'RESERVED' AND expires_at IS NOT NULL", so every status change (a reserve, a
-- release) was a full update that added an entry to each of the devices' five indexes. A hold with
-- an expiry is always RESERVED (every other status clears expires_at), so "expires_at IS NOT NULL"
-- indexes the same rows, and a reserve or release without a TTL changes no indexed column.
--
-- The whole script runs in one transaction, as every PostgreSQL migration does, so the index is
-- built without CONCURRENTLY: writes to the devices table wait for it. It holds only the holds with
-- an expiry, so the build reads the table once and writes a small index.

DROP INDEX ${prefix}devices_expiry;
CREATE INDEX ${prefix}devices_expiry ON ${prefix}devices (expires_at, id) WHERE expires_at IS NOT NULL;

INSERT INTO ${prefix}schema_version (version, description)
    VALUES (3, 'device id cache (H2), expiry index without status (PostgreSQL)');
