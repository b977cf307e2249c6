package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Splitting schema scripts: a {@code ;} ends a statement only outside strings, bodies and comments. */
class SqlScriptTest {

    @Test
    void statementsEndAtSemicolonsAndPiecesOfOnlyCommentsAndSpaceAreDropped() {
        assertThat(SqlScript.statements("""
                -- a header; with a semicolon
                CREATE TABLE a (x INT);

                /* between; statements */
                INSERT INTO a VALUES (1);  ;
                SELECT 1""")).containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)", "SELECT 1");
    }

    @Test
    void aSemicolonInAStringOrAQuotedIdentifierDoesNotEndTheStatement() {
        assertThat(SqlScript.statements("INSERT INTO \"odd;name\" VALUES ('it''s; one', E'back\\\\slash\\'; too', 'x');"
                + " SELECT ';'"))
                .containsExactly("INSERT INTO \"odd;name\" VALUES ('it''s; one', E'back\\\\slash\\'; too', 'x')",
                        "SELECT ';'");
    }

    @Test
    void aSemicolonInACommentDoesNotEndTheStatementAndTheCommentStaysInIt() {
        assertThat(SqlScript.statements("SELECT 1 -- one; two\n + 1 /* three; /* nested; */ four; */ + 1; SELECT 2"))
                .containsExactly("SELECT 1 -- one; two\n + 1 /* three; /* nested; */ four; */ + 1", "SELECT 2");
    }

    @Test
    void dollarQuotedBodiesAreKeptWholeWhateverTheirTag() {
        String doBlock = """
                DO $$
                DECLARE n INTEGER := 0; -- inside; the body
                BEGIN
                    RAISE NOTICE 'a string; in the body';
                    EXECUTE $inner$ SELECT 'nested; body' $inner$;
                END
                $$""";
        String function = "CREATE FUNCTION f() RETURNS TEXT LANGUAGE sql AS $body$ SELECT '$$;' $body$";
        assertThat(SqlScript.statements(doBlock + ";\n" + function + ";\nSELECT $1, a$b$c FROM t;"))
                .containsExactly(doBlock, function, "SELECT $1, a$b$c FROM t");
    }

    @Test
    void anUnterminatedStringOrBodyRunsToTheEndOfTheScript() {
        assertThat(SqlScript.statements("SELECT 'open; string")).containsExactly("SELECT 'open; string");
        assertThat(SqlScript.statements("DO $$ BEGIN; END;")).containsExactly("DO $$ BEGIN; END;");
    }

    /**
     * The shipped scripts end every statement with a ';' at the end of a line, and contain no other
     * outside a dollar-quoted body ({@code DO $$ ... $$}, version 4 on PostgreSQL), whose own
     * statements end with ';' too.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theShippedScriptsSplitAtTheSemicolonsThatEndTheirLines(Dialect dialect) {
        String script = JdbcDeviceStore.schemaScript(dialect, "devreg_");
        long lineEnds = Arrays.stream(withoutDollarBodies(script).split("\n"))
                .filter(line -> line.strip().endsWith(";")).count();

        assertThat(SqlScript.statements(script)).hasSize((int) lineEnds)
                .allSatisfy(statement -> assertThat(withoutDollarBodies(statement)).doesNotStartWith("--")
                        .doesNotContain(";"));
        if (dialect == Dialect.POSTGRESQL) {
            assertThat(SqlScript.statements(script)).filteredOn(statement -> statement.startsWith("DO $$"))
                    .singleElement().asString().endsWith("$$").contains("DROP CONSTRAINT");
        }
    }

    private static String withoutDollarBodies(String sql) {
        return sql.replaceAll("(?s)\\$\\$.*?\\$\\$", "\\$\\$\\$\\$");
    }
}
