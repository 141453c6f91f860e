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
 * @param limit      text of a non-negative integer, or null; written into the SQL text as it is (a literal,
 *                   not a parameter: see {@link SelectRenderer}), so anything else is refused here
 * @param offset     text of a non-negative integer, or null; the same
 */
public record SelectIr(ResolvedTable table, boolean single, List<FieldIr> fields, BoolExp where, List<OrderTerm> orderBy,
                       List<ResolvedColumn> distinctOn, String limit, String offset) {
    public SelectIr {
        Objects.requireNonNull(where, "where: BoolExp.TRUE when there is no condition");
        fields = List.copyOf(fields);
        orderBy = List.copyOf(orderBy);
        distinctOn = List.copyOf(distinctOn);
        requireDigits(limit, "limit");
        requireDigits(offset, "offset");
    }

    private static void requireDigits(String text, String name) {
        if (text != null && (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException(name + " must be the text of a non-negative integer, got " + text);
        }
    }

    /** Whether rows must be chosen in a sub-select before aggregating (LIMIT, OFFSET, DISTINCT ON). */
    public boolean needsWindow() {
        return limit != null || offset != null || !distinctOn.isEmpty();
    }
}
