package io.joinery.child.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SQL statement and its bind parameters (`$1`, `$2`, ... in {@code text}). Parameters are
 * bound by {@link SqlRunner}: a {@code String} as text (the SQL casts it to the column type), a
 * {@code List<String>} as {@code text[]}, {@code Integer}/{@code Long}/{@code Boolean} as
 * themselves, {@code null} as a text NULL.
 */
public record SqlStatement(String text, List<Object> params) {
    public SqlStatement {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static SqlStatement of(String text, Object... params) {
        List<Object> list = new ArrayList<>();
        Collections.addAll(list, params);
        return new SqlStatement(text, list);
    }

    /**
     * The text with every {@code $n} replaced by its parameter as a SQL literal: the statement as a
     * person reads it or pastes it into psql (what explain shows, as Hasura does). Never sent: the
     * runner always binds. Quoted identifiers and string literals in the text are left alone.
     */
    public String withParametersInlined() {
        StringBuilder out = new StringBuilder(text.length() + 16 * params.size());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = closingQuote(c, i + 1);
                out.append(text, i, end);
                i = end;
            } else if (c == '$' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                out.append(literal(params.get(Integer.parseInt(text.substring(i + 1, end)) - 1)));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index just past the quote that closes the one before {@code from} (a doubled quote is an escaped one). */
    private int closingQuote(char quote, int from) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(item == null ? "NULL" : literal(item.toString())));
            return "ARRAY[" + String.join(", ", items) + "]::text[]";
        }
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        return value.toString();
    }
}
