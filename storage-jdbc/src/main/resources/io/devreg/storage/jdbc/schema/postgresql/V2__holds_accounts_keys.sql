-- devreg schema version 2: holds (holder, start, expiry) and accounts on devices; holder, account,
-- actor, reason and idempotency key on events; the idempotency keys and what their writes returned.
-- ${prefix} is the table prefix (JdbcDeviceStore.Builder.tablePrefix, "devreg_" by default).
-- Runs in one transaction, under the schema lock.

ALTER TABLE ${prefix}devices
    ADD COLUMN holder      VARCHAR(128),
    ADD COLUMN reserved_at TIMESTAMP(6) WITH TIME ZONE,
    ADD COLUMN expires_at  TIMESTAMP(6) WITH TIME ZONE,
    ADD COLUMN account     VARCHAR(128);

-- The identity indexes hold only the devices that have the value: a device without a mac (or a serial
-- number) never collides anyway, and on a devices table that has never been analyzed (autovacuum
-- first looks after a minute) the planner would otherwise serve "type = ? AND serial_number = ?" from
-- the (type, mac) index, which holds every row of a type when no device has a mac, and walk them all.
DROP INDEX ${prefix}devices_type_mac;
CREATE UNIQUE INDEX ${prefix}devices_type_mac ON ${prefix}devices (type, mac) WHERE mac IS NOT NULL;
DROP INDEX ${prefix}devices_type_serial;
CREATE UNIQUE INDEX ${prefix}devices_type_serial ON ${prefix}devices (type, serial_number)
    WHERE serial_number IS NOT NULL;

-- A device reserved under version 1 holds an anonymous hold that never expires, begun at its last
-- RESERVE event (a device always has one when it is reserved; its last update is the fallback).
UPDATE ${prefix}devices d SET reserved_at = COALESCE(
        (SELECT MAX(e.occurred_at) FROM ${prefix}device_events e
         WHERE e.device_id = d.id AND e.operation = 'RESERVE'),
        d.last_updated_at)
    WHERE d.status = 'RESERVED';

ALTER TABLE ${prefix}device_events
    ADD COLUMN holder          VARCHAR(128),
    ADD COLUMN account         VARCHAR(128),
    ADD COLUMN actor           VARCHAR(128),
    ADD COLUMN reason          VARCHAR(1000),
    ADD COLUMN idempotency_key VARCHAR(255);

-- expireHolds reads the holds that ran out, earliest first; usage reads an account's events by time.
-- Both are partial: only expiring holds and events on an account are indexed.
CREATE INDEX ${prefix}devices_expiry ON ${prefix}devices (expires_at, id)
    WHERE status = 'RESERVED' AND expires_at IS NOT NULL;
CREATE INDEX ${prefix}device_events_account ON ${prefix}device_events (account, occurred_at)
    WHERE account IS NOT NULL;

-- One row per idempotency key: inserted first in the keyed write's transaction (a concurrent write
-- with the same key waits on it), completed with the device the write returned, or rolled back with
-- a refused write. The device columns mirror the devices table.
CREATE TABLE ${prefix}idempotency_keys (
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
CREATE INDEX ${prefix}idempotency_keys_recorded ON ${prefix}idempotency_keys (recorded_at);

INSERT INTO ${prefix}schema_version (version, description) VALUES (2, 'holds, accounts, event context, idempotency keys');
