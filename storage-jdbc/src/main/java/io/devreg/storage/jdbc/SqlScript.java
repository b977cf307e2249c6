package io.devreg.storage.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits a schema script into its statements at each {@code ;} that ends one, as PostgreSQL's and
 * H2's own parsers would: a {@code ;} inside a string ({@code '...'} with {@code ''} for a quote,
 * {@code E'...'} with backslash escapes too), a quoted identifier ({@code "..."}), a dollar-quoted
 * body ({@code $$ ... $$}, {@code $tag$ ... $tag$}, as in {@code DO} blocks and function bodies) or a
 * comment ({@code -- ...} to the end of the line, {@code /* ... *&#47;}, nested) does not end a
 * statement. A statement starts at its first code, after any comments before it, and keeps the
 * comments within it; a piece that is only comments and white space is no statement.
 */
final class SqlScript {

    private final String text;
    private int at;

    private SqlScript(String text) {
        this.text = text;
    }

    /** The statements of {@code script}, without their terminating {@code ;}, stripped of surrounding white space. */
    static List<String> statements(String script) {
        return new SqlScript(script).split();
    }

    private List<String> split() {
        List<String> statements = new ArrayList<>();
        int start = -1; // where the statement's first code (not a comment) is
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ';') {
                add(statements, start, at++);
                start = -1;
            } else if (startsWith("--")) {
                at += 2;
                skipTo("\n");
            } else if (startsWith("/*")) {
                skipBlockComment();
            } else {
                if (start < 0 && !Character.isWhitespace(c)) {
                    start = at;
                }
                skipToken(c);
            }
        }
        add(statements, start, text.length());
        return statements;
    }

    private void add(List<String> statements, int start, int end) {
        if (start >= 0) {
            statements.add(text.substring(start, end).strip());
        }
    }

    /** Moves past the token that starts at {@code c}: a quoted string, identifier or body, or one character. */
    private void skipToken(char c) {
        if (c == '\'') {
            boolean escapes = at > 0 && (text.charAt(at - 1) == 'E' || text.charAt(at - 1) == 'e')
                    && (at == 1 || !isIdentifierPart(text.charAt(at - 2)));
            skipQuoted('\'', escapes);
        } else if (c == '"') {
            skipQuoted('"', false);
        } else if (c == '$' && (at == 0 || !isIdentifierPart(text.charAt(at - 1)))) {
            String tag = dollarTag();
            if (tag == null) {
                at++;
            } else {
                at += tag.length();
                skipTo(tag);
            }
        } else {
            at++;
        }
    }

    /** Past the closing {@code quote}; a doubled quote is part of the text, as is (with {@code escapes}) a backslashed character. */
    private void skipQuoted(char quote, boolean escapes) {
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (escapes && c == '\\') {
                at++;
            } else if (c == quote) {
                if (at < text.length() && text.charAt(at) == quote) {
                    at++;
                } else {
                    return;
                }
            }
        }
    }

    /** The dollar-quote tag starting here ({@code $$} or {@code $name$}), or null ({@code $1} is a parameter). */
    private @Nullable String dollarTag() {
        int end = at + 1;
        while (end < text.length() && isIdentifierPart(text.charAt(end))) {
            end++;
        }
        boolean named = end > at + 1;
        if (end >= text.length() || text.charAt(end) != '$' || (named && Character.isDigit(text.charAt(at + 1)))) {
            return null;
        }
        return text.substring(at, end + 1);
    }

    private void skipBlockComment() {
        int depth = 0;
        while (at < text.length()) {
            if (startsWith("/*")) {
                depth++;
                at += 2;
            } else if (startsWith("*/")) {
                at += 2;
                if (--depth == 0) {
                    return;
                }
            } else {
                at++;
            }
        }
    }

    /** Past the next {@code end} (or to the end of the text). */
    private void skipTo(String end) {
        int found = text.indexOf(end, at);
        at = found < 0 ? text.length() : found + end.length();
    }

    private boolean startsWith(String prefix) {
        return text.startsWith(prefix, at);
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
