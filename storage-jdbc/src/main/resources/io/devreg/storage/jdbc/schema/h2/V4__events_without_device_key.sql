-- devreg schema version 4: device events without a foreign key to the devices table.
-- ${prefix} is the table prefix (JdbcDeviceStore.Builder.tablePrefix, "devreg_" by default).
--
-- The key checked, on every event written, what devreg already guarantees: the store is the only
-- writer of both tables, it appends an event only in the statement or transaction that wrote (or
-- locked) the device row the event names, and devices are never deleted. The check cost a lookup
-- and a row lock on the devices' primary key per event, and a bulk registration paid it once per
-- device (docs/SCHEMA.md, "The events' foreign key", has the measurements).
--
-- H2 named the key when version 1 created it, so the key is found by its column (a key a user added
-- on another column stays) and dropped by the name H2 gave it: by its column rather than by the table
-- it references, because a process killed while H2 rebuilt the devices table for an ALTER (version
-- 3's) can leave the key naming the rebuild's copy (DEVICES_COPY_...), which no write can satisfy.
-- When no such key is left (the script ran before and was cut off after this statement) it drops
-- nothing. As in the earlier scripts, the version row comes last.

EXECUTE IMMEDIATE 'ALTER TABLE ${prefix}device_events DROP CONSTRAINT IF EXISTS "'
    || COALESCE((SELECT MAX(t.CONSTRAINT_NAME) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t
                 JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
                   ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME
                 WHERE t.TABLE_SCHEMA = CURRENT_SCHEMA AND t.TABLE_NAME = UPPER('${prefix}device_events')
                   AND t.CONSTRAINT_TYPE = 'FOREIGN KEY' AND k.COLUMN_NAME = 'DEVICE_ID'),
                'devreg_no_foreign_key')
    || '"';

INSERT INTO ${prefix}schema_version (version, description)
    SELECT 4, 'device events without a foreign key to devices'
    WHERE NOT EXISTS (SELECT 1 FROM ${prefix}schema_version WHERE version = 4);
