-- A migration for MigrationTest only (not in the jar): what the script splitter must keep whole.
-- Every ';' below that is not at the end of a statement is inside a string or a comment.

CREATE TABLE IF NOT EXISTS ${prefix}migration_check (
    id   INTEGER PRIMARY KEY,
    note VARCHAR(100) NOT NULL
);

/* a block comment; with a semicolon */
MERGE INTO ${prefix}migration_check (id, note) KEY (id) VALUES (1, 'it''s; one string');
MERGE INTO ${prefix}migration_check (id, note) KEY (id) VALUES (2, 'from the script; row 2');
MERGE INTO ${prefix}migration_check (id, note) KEY (id) VALUES (3, 'from the script; row 3');

INSERT INTO ${prefix}schema_version (version, description)
    SELECT 99, 'test: strings, comments' WHERE NOT EXISTS (SELECT 1 FROM ${prefix}schema_version WHERE version = 99);
