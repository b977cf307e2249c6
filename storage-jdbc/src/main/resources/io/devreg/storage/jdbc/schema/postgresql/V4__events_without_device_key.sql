-- devreg schema version 4: device events without a foreign key to the devices table.
-- ${prefix} is the table prefix (JdbcDeviceStore.Builder.tablePrefix, "devreg_" by default).
-- Runs in one transaction, under the schema lock.
--
-- The key checked, on every event written, what devreg already guarantees: the store is the only
-- writer of both tables, it appends an event only in the statement or transaction that wrote (or
-- locked) the device row the event names, and devices are never deleted. The check cost a lookup
-- and a row lock on the devices' primary key per event (a trigger, planned and run by every
-- transition), and a bulk registration paid it once per device (docs/SCHEMA.md, "The events'
-- foreign key", has the measurements).
--
-- PostgreSQL named the key when version 1 created it (or the user's migration tool, running
-- JdbcDeviceStore.schemaScript): the name is looked up in the catalog rather than assumed, and only
-- the key on the events' device_id is dropped (a key a user added on another column stays).

DO $$
DECLARE
    key_name name;
BEGIN
    FOR key_name IN
        SELECT conname FROM pg_constraint
        WHERE conrelid = '${prefix}device_events'::regclass AND contype = 'f'
          AND conkey = ARRAY[(SELECT attnum FROM pg_attribute
                              WHERE attrelid = '${prefix}device_events'::regclass AND attname = 'device_id')]
    LOOP
        EXECUTE format('ALTER TABLE ${prefix}device_events DROP CONSTRAINT %I', key_name);
    END LOOP;
END
$$;

INSERT INTO ${prefix}schema_version (version, description)
    VALUES (4, 'device events without a foreign key to devices');
