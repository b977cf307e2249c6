package io.devreg.storage.jdbc;

import java.util.SortedSet;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/** The statements of {@link Schema}, which both dialects say alike: the recorded versions, and a script's statements. */
final class SchemaStatements {

    /** Sends a schema script's statement as it is written: no parameters to find in it. */
    private static final SqlParser AS_WRITTEN = new SqlParser() {
        @Override
        public ParsedSql parse(String sql, StatementContext ctx) {
            return ParsedSql.builder().append(sql).build();
        }

        @Override
        public String nameParameter(String rawName, StatementContext ctx) {
            return rawName;
        }
    };

    private final String versions;

    SchemaStatements(Tables tables) {
        versions = "SELECT version FROM " + tables.schemaVersion() + " ORDER BY version";
    }

    /** The versions in the schema-version table, which must exist. */
    SortedSet<Integer> versions(Handle handle) {
        return new TreeSet<>(handle.createQuery(versions).mapTo(Integer.class).list());
    }

    /** Runs one statement of a schema script, as written. */
    void execute(Handle handle, String sql) {
        handle.createUpdate(sql).configure(SqlStatements.class, config -> config.setSqlParser(AS_WRITTEN)).execute();
    }
}
