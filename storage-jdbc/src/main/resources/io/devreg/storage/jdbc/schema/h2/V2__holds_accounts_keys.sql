-- devreg schema version 2: holds (holder, start, expiry) and accounts on devices; holder, account,
-- actor, reason and idempotency key on events; the idempotency keys and what their writes returned.
-- ${prefix} is the table prefix (JdbcDeviceStore.Builder.tablePrefix, "devreg_" by default).
--
-- As in version 1, H2 commits each DDL statement by itself: every statement here is safe to run
-- again, and the schema_version row comes last, so a migration cut off by a kill is completed by the
-- next store that opens the database.

ALTER TABLE ${prefix}devices ADD COLUMN IF NOT EXISTS holder VARCHAR(128);
ALTER TABLE ${prefix}devices ADD COLUMN IF NOT EXISTS reserved_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE ${prefix}devices ADD COLUMN IF NOT EXISTS expires_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE ${prefix}devices ADD COLUMN IF NOT EXISTS account VARCHAR(128);

-- A device reserved under version 1 holds an anonymous hold that never expires, begun at its last
-- RESERVE event (a device always has one when it is reserved; its last update is the fallback).
UPDATE ${prefix}devices d SET reserved_at = COALESCE(
        (SELECT MAX(e.occurred_at) FROM ${prefix}device_events e
         WHERE e.device_id = d.id AND e.operation = 'RESERVE'),
        d.last_updated_at)
    WHERE d.status = 'RESERVED' AND d.reserved_at IS NULL;

ALTER TABLE ${prefix}device_events ADD COLUMN IF NOT EXISTS holder VARCHAR(128);
ALTER TABLE ${prefix}device_events ADD COLUMN IF NOT EXISTS account VARCHAR(128);
ALTER TABLE ${prefix}device_events ADD COLUMN IF NOT EXISTS actor VARCHAR(128);
ALTER TABLE ${prefix}device_events ADD COLUMN IF NOT EXISTS reason VARCHAR(1000);
ALTER TABLE ${prefix}device_events ADD COLUMN IF NOT EXISTS idempotency_key VARCHAR(255);

-- expireHolds reads the holds that ran out, earliest first; usage reads an account's events by time.
CREATE INDEX IF NOT EXISTS ${prefix}devices_expiry ON ${prefix}devices (expires_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}device_events_account ON ${prefix}device_events (account, occurred_at);

-- One row per idempotency key: inserted first in the keyed write's transaction (a concurrent write
-- with the same key waits on it), completed with the device the write returned, or rolled back with
-- a refused write. The device columns mirror the devices table.
CREATE TABLE IF NOT EXISTS ${prefix}idempotency_keys (
    idempotency_key VARCHAR(255) PRIMARY KEY,
    fingerprint     VARCHAR(64) NOT NULL,
    recorded_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    id              BIGINT,
    type            VARCHAR(64),
    uuid            UUID,
    serial_number   VARCHAR(128),
    mac             VARCHAR(64),
    status          VARCHAR(16),
    name            VARCHAR(255),
    version         VARCHAR(64),
    created_at      TIMESTAMP(6) WITH TIME ZONE,
    last_updated_at TIMESTAMP(6) WITH TIME ZONE,
    online          BOOLEAN,
    revision        BIGINT,
    holder          VARCHAR(128),
    reserved_at     TIMESTAMP(6) WITH TIME ZONE,
    expires_at      TIMESTAMP(6) WITH TIME ZONE,
    account         VARCHAR(128)
);
CREATE INDEX IF NOT EXISTS ${prefix}idempotency_keys_recorded ON ${prefix}idempotency_keys (recorded_at);

INSERT INTO ${prefix}schema_version (version, description)
    SELECT 2, 'holds, accounts, event context, idempotency keys'
    WHERE NOT EXISTS (SELECT 1 FROM ${prefix}schema_version WHERE version = 2);
