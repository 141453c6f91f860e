package io.joinery.child.sql;

import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.schema.AggregateFunction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One key of a JSON object the statement builds, named by the client's result key (alias). */
public sealed interface FieldIr {
    String key();

    /** A column value, in Postgres's own JSON form. */
    record Column(String key, ResolvedColumn column) implements FieldIr {}

    /**
     * A column whose value is shown only where {@code shownWhen} holds on the row, else null: a
     * column an inherited role sees in only some rows (SPEC §10.2, Hasura's cell-level union).
     */
    record RedactedColumn(String key, ResolvedColumn column, BoolExp shownWhen) implements FieldIr {}

    /** A fixed string, e.g. `__typename`; bound as a parameter. */
    record Constant(String key, String value) implements FieldIr {}

    /**
     * A nested selection: a root table field ({@code join} empty) or a relationship, whose rows match
     * the parent row on {@code join} (parent column -> nested table column).
     */
    record Nested(String key, Map<String, String> join, SelectIr select) implements FieldIr {
        public Nested {
            join = Collections.unmodifiableMap(new LinkedHashMap<>(join));
        }
    }

    /**
     * An `author_aggregate` / `articles_aggregate` field: rows chosen like {@link Nested}'s, answered
     * as one object whose keys ({@code select.fields()}) are {@link Group} (`aggregate`),
     * {@link Nodes} and `__typename` constants.
     * <pre>
     * articles_aggregate(where: ...) { aggregate { count sum { rating } } nodes { title } }
     *   -> Aggregate(articles_aggregate, {id -> author_id}, SelectIr(article, [Group(aggregate, [Count, Group(sum, [Aggregated])]), Nodes]))
     * </pre>
     */
    record Aggregate(String key, Map<String, String> join, SelectIr select) implements FieldIr {
        public Aggregate {
            join = Collections.unmodifiableMap(new LinkedHashMap<>(join));
        }
    }

    /** An object computed from the same rows as its parent: `aggregate { ... }`, `sum { ... }`. */
    record Group(String key, List<FieldIr> fields) implements FieldIr {
        public Group {
            fields = List.copyOf(fields);
        }
    }

    /** `nodes`: the aggregated rows as a JSON array, in the selection's order. */
    record Nodes(String key, List<FieldIr> fields) implements FieldIr {
        public Nodes {
            fields = List.copyOf(fields);
        }
    }

    /**
     * `count(columns, distinct)`: rows ({@code columns} empty), or rows where the columns are not
     * null, optionally distinct, as Hasura counts them (`count(DISTINCT (a, b))`).
     */
    /** @param shownWhen column name -> where its value is shown, for redacted columns (see {@link RedactedColumn}) */
    record Count(String key, List<ResolvedColumn> columns, boolean distinct, Map<String, BoolExp> shownWhen)
            implements FieldIr {
        public Count {
            columns = List.copyOf(columns);
            shownWhen = Map.copyOf(shownWhen);
        }

        public Count(String key, List<ResolvedColumn> columns, boolean distinct) {
            this(key, columns, distinct, Map.of());
        }
    }

    /** `sum { rating }` and friends: one aggregate function over one column. */
    /** @param shownWhen null, or where the column's value is shown (a redacted column, see {@link RedactedColumn}) */
    record Aggregated(String key, AggregateFunction function, ResolvedColumn column, BoolExp shownWhen)
            implements FieldIr {
        public Aggregated(String key, AggregateFunction function, ResolvedColumn column) {
            this(key, function, column, null);
        }
    }
}
