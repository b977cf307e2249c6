-- A migration for MigrationTest only (not in the jar): what the script splitter must keep whole.
-- Every ';' below that is not at the end of a statement is inside a string, a body or a comment.

CREATE TABLE ${prefix}migration_check (
    id   INTEGER PRIMARY KEY,
    note TEXT NOT NULL
);

/* a block comment; with a semicolon, /* and one nested; */ still the comment */
INSERT INTO ${prefix}migration_check (id, note) VALUES (1, 'it''s; one string');

DO $$
DECLARE
    made INTEGER := 0; -- a line comment inside the body; with a semicolon
BEGIN
    FOR i IN 2..3 LOOP
        INSERT INTO ${prefix}migration_check (id, note) VALUES (i, 'from the DO block; row ' || i);
        made := made + 1;
    END LOOP;
    IF made <> 2 THEN
        RAISE EXCEPTION 'expected two rows; made %', made;
    END IF;
END
$$;

CREATE FUNCTION ${prefix}checked(note TEXT) RETURNS TEXT LANGUAGE sql
    AS $body$ SELECT 'checked; ' || note $body$;

INSERT INTO ${prefix}schema_version (version, description) VALUES (99, 'test: a DO block, strings, comments');
