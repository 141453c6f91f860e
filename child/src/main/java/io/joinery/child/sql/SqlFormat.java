package io.joinery.child.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Pretty-prints the compiler's one-line SQL for golden files and logs: each `(SELECT` opens an
 * indented block, and `FROM`/`WHERE`/`ORDER BY`/`LIMIT`/`OFFSET` of a block start new lines.
 * Only whitespace changes, outside quotes; Postgres reads both forms alike.
 */
public final class SqlFormat {
    private static final List<String> CLAUSES = List.of(" FROM ", " WHERE ", " ORDER BY ", " LIMIT ", " OFFSET ");
    private static final String INDENT = "  ";

    private SqlFormat() {}

    public static String pretty(String sql) {
        StringBuilder out = new StringBuilder();
        Deque<Boolean> parens = new ArrayDeque<>(); // true = a SELECT block
        int blocks = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(sql, i);
                out.append(sql, i, end + 1);
                i = end + 1;
                continue;
            }
            if (c == '(') {
                boolean block = sql.startsWith("SELECT ", i + 1);
                parens.push(block);
                out.append('(');
                if (block) {
                    blocks++;
                    newline(out, blocks);
                }
                i++;
                continue;
            }
            if (c == ')') {
                boolean block = !parens.isEmpty() && parens.pop();
                if (block) {
                    blocks--;
                    newline(out, blocks);
                }
                out.append(')');
                i++;
                continue;
            }
            if (c == ' ' && (parens.isEmpty() || parens.peek())) {
                String clause = clauseAt(sql, i);
                if (clause != null) {
                    newline(out, blocks);
                    out.append(clause.strip()).append(' ');
                    i += clause.length();
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.append('\n').toString();
    }

    private static String clauseAt(String sql, int i) {
        for (String clause : CLAUSES) {
            if (sql.startsWith(clause, i)) {
                return clause;
            }
        }
        return null;
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        out.append(INDENT.repeat(depth));
    }

    /** Index of the quote closing the one at {@code start}; doubled quotes are escapes. */
    private static int closingQuote(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length() - 1;
    }
}
