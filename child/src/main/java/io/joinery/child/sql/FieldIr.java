package io.joinery.child.sql;

import io.joinery.child.schema.ColumnModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One key of a JSON object the statement builds, named by the client's result key (alias). */
public sealed interface FieldIr {
    String key();

    /** A column value, in Postgres's own JSON form. */
    record Column(String key, ColumnModel column) implements FieldIr {}

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
}
