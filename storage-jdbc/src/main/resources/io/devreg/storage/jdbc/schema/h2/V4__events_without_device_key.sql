-- devreg schema version 4: device events without a foreign key to the devices table.
-- ${prefix} is the table prefix (JdbcDeviceStore.Builder.tablePrefix, "devreg_" by default).
--
-- The key checked, on every event written, what devreg already guarantees: the store is the only
-- writer of both tables, it appends an event only in the statement or transaction that wrote (or
-- locked) the device row the event names, and devices are never deleted. The check cost a lookup
-- and a row lock on the devices' primary key per event, and a bulk registration paid it once per
-- device (docs/SCHEMA.md, "The events' foreign key", has the measurements).
--
-- H2 named the key when version 1 created it, so the key is found by what it joins (the events to
-- the devices; a key a user added to another table stays) and dropped by the name H2 gave it. When no
-- such key is left (the script ran before and was cut off after this statement) it drops nothing. As
-- in the earlier scripts, the version row comes last.

EXECUTE IMMEDIATE 'ALTER TABLE ${prefix}device_events DROP CONSTRAINT IF EXISTS "'
    || COALESCE((SELECT MAX(r.CONSTRAINT_NAME) FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r
                 JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS f
                   ON f.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND f.CONSTRAINT_NAME = r.CONSTRAINT_NAME
                 JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS u
                   ON u.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA AND u.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME
                 WHERE f.TABLE_SCHEMA = CURRENT_SCHEMA AND f.TABLE_NAME = UPPER('${prefix}device_events')
                   AND u.TABLE_NAME = UPPER('${prefix}devices')), 'devreg_no_foreign_key')
    || '"';

INSERT INTO ${prefix}schema_version (version, description)
    SELECT 4, 'device events without a foreign key to devices'
    WHERE NOT EXISTS (SELECT 1 FROM ${prefix}schema_version WHERE version = 4);
