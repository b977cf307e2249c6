-- devreg schema version 3: device ids handed out from a cache of 1,000 on H2 (see the H2 script).
-- ${prefix} is the table prefix (JdbcDeviceStore.Builder.tablePrefix, "devreg_" by default).
--
-- Nothing changes on PostgreSQL: its identity sequence logs its next value once per 32 ids in the
-- write-ahead log, which costs a registration nothing measurable, and a per-session cache would
-- hand each of many instances its own block of ids. The version is recorded so that both dialects
-- stay at one schema version.

INSERT INTO ${prefix}schema_version (version, description) VALUES (3, 'device id cache (H2 only)');
