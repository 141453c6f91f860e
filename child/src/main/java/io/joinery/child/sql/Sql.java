package io.joinery.child.sql;

import io.joinery.child.db.SqlStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable SQL fragment: text with bind parameters kept as values until {@link #toStatement}
 * numbers them `$1`, `$2`, ... in order of appearance. User values only ever enter through
 * {@link #param}; names only through {@link #ident}. Nothing is concatenated into SQL text.
 */
public final class Sql {
    private final List<Object> parts;

    private Sql(List<Object> parts) {
        this.parts = parts;
    }

    /** A bind parameter placeholder in the part list. */
    private record Param(Object value) {}

    /** SQL text written by the compiler itself (keywords, operators, generated aliases). */
    public static Sql raw(String text) {
        return new Sql(List.of(text));
    }

    /** A quoted identifier: `"author"`, with embedded quotes doubled. */
    public static Sql ident(String name) {
        return raw(quote(name));
    }

    /** `"schema"."table"`. */
    public static Sql qualified(String schema, String name) {
        return raw(quote(schema) + "." + quote(name));
    }

    /**
     * A JSON object key as a SQL string literal. Only GraphQL names (result keys, which validation
     * has checked) are accepted, so the literal needs no escaping.
     */
    public static Sql key(String graphqlName) {
        if (!graphqlName.matches("[_A-Za-z][_0-9A-Za-z]*")) {
            throw new IllegalArgumentException("not a GraphQL name: " + graphqlName);
        }
        return raw("'" + graphqlName + "'");
    }

    /**
     * A parameter (a String bound as text, or a List of Strings bound as text[]) cast to
     * {@code sqlType}; a permission's {@link BoolExp.SessionVariable} (or a List holding some) stands
     * for the session's value until {@link StatementTemplate#bind}.
     */
    public static Sql param(Object value, String sqlType) {
        return new Sql(List.of("(", new Param(value), ")::" + sqlType));
    }

    /** A text parameter, `($1)::text`. */
    public static Sql text(String value) {
        return param(value, "text");
    }

    public static Sql concat(Sql... pieces) {
        List<Object> out = new ArrayList<>();
        for (Sql piece : pieces) {
            out.addAll(piece.parts);
        }
        return new Sql(Collections.unmodifiableList(out));
    }

    public static Sql join(String separator, List<Sql> pieces) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0) {
                out.add(separator);
            }
            out.addAll(pieces.get(i).parts);
        }
        return new Sql(Collections.unmodifiableList(out));
    }

    public Sql append(String text) {
        return concat(this, raw(text));
    }

    public Sql append(Sql other) {
        return concat(this, other);
    }

    /** `(this)`. */
    public Sql parenthesized() {
        return concat(raw("("), this, raw(")"));
    }

    /**
     * The statement: parameters numbered in order of appearance. Only for fragments whose values
     * read no session (a permission's session variable must go through {@link #toTemplate}).
     */
    public SqlStatement toStatement() {
        return toTemplate().withoutSession();
    }

    /**
     * The statement before the session is read: parameters numbered in order of appearance, a
     * permission's session variables among them still unresolved ({@link StatementTemplate#bind}).
     */
    public StatementTemplate toTemplate() {
        StringBuilder text = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Param p) {
                params.add(p.value());
                text.append('$').append(params.size());
            } else {
                text.append((String) part);
            }
        }
        return new StatementTemplate(text.toString(), params);
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return toTemplate().text();
    }
}
