-- A migration for MigrationTest only (not in the jar): it forgets to record its version.
CREATE TABLE ${prefix}forgetful (x INTEGER);
