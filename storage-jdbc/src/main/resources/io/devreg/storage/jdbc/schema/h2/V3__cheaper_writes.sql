-- devreg schema version 3: writes that cost less. On H2, device ids are handed out from a cache of
-- 1,000 rather than H2's default 32. (On PostgreSQL, the expiry index changes: see its script.)
-- ${prefix} is the table prefix (JdbcDeviceStore.Builder.tablePrefix, "devreg_" by default).
--
-- H2 records an identity column's next value ahead of use, once per cache's worth of ids, and in
-- the embedded store (WRITE_DELAY=0) every such record writes the store's changed pages to the file:
-- with a cache of 32 a bulk registration of 1,000 devices wrote the file 31 times besides its commit,
-- about 40% of its time (see docs/PERFORMANCE.md, "Bulk import on H2"). With 1,000, once per chunk.
-- The ids are the same; a crash may skip up to 1,000 of them (never reuse one), as it could skip 32.
--
-- As in the earlier scripts, each statement is safe to run again and the version row comes last.

ALTER TABLE ${prefix}devices ALTER COLUMN id SET CACHE 1000;

INSERT INTO ${prefix}schema_version (version, description)
    SELECT 3, 'device id cache (H2), expiry index without status (PostgreSQL)'
    WHERE NOT EXISTS (SELECT 1 FROM ${prefix}schema_version WHERE version = 3);
