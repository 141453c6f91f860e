package io.joinery.child.sql;

import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedTable;
import java.util.List;
import java.util.Objects;

/**
 * One table selection: which rows (where, order, distinct, window) and which output fields. Root
 * fields, `_by_pk` and relationships all compile from this; {@code single} selections yield one JSON
 * object or null, the others a JSON array (`[]` when no row matches).
 *
 * <pre>
 * author(where: {name: {_eq: "A"}}, limit: 2) { id articles { title } }
 *   -> SelectIr(author, many, [Column id, Nested articles {id -> author_id} SelectIr(article, ...)], Compare(name = A), limit 2)
 * </pre>
 *
 * @param distinctOn columns of `distinct_on`; when non-empty, {@code orderBy} starts with them
 * @param limit      text of a non-negative integer, or null
 * @param offset     text of a non-negative integer, or null
 */
public record SelectIr(ResolvedTable table, boolean single, List<FieldIr> fields, BoolExp where, List<OrderTerm> orderBy,
                       List<ResolvedColumn> distinctOn, String limit, String offset) {
    public SelectIr {
        Objects.requireNonNull(where, "where: BoolExp.TRUE when there is no condition");
        fields = List.copyOf(fields);
        orderBy = List.copyOf(orderBy);
        distinctOn = List.copyOf(distinctOn);
    }

    /** Whether rows must be chosen in a sub-select before aggregating (LIMIT, OFFSET, DISTINCT ON). */
    public boolean needsWindow() {
        return limit != null || offset != null || !distinctOn.isEmpty();
    }
}
