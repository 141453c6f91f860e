package io.joinery.child.sql;

import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.schema.AggregateFunction;
import io.joinery.child.schema.OrderDirection;
import java.util.List;

/**
 * One `order_by` key: a column of the selected table, or of a row reached through object
 * relationships ({@code path}, outermost first): `{author: {name: desc}}` -> path [author], name, DESC.
 * With {@code aggregate}, the value is an aggregate of an array relationship of that row instead:
 * `{articles_aggregate: {max: {rating: desc}}}` -> aggregate (articles, max), column rating.
 *
 * @param column the column ordered by, or aggregated; null for `count`
 */
public record OrderTerm(List<ResolvedRelationship> path, ResolvedColumn column, OrderDirection direction,
                        ArrayAggregate aggregate) {
    public OrderTerm {
        path = List.copyOf(path);
    }

    public OrderTerm(List<ResolvedRelationship> path, ResolvedColumn column, OrderDirection direction) {
        this(path, column, direction, null);
    }

    /** Whether this orders by a plain column of the selected table (what `distinct_on` may match). */
    public boolean isOwnColumn() {
        return path.isEmpty() && aggregate == null;
    }

    /**
     * An aggregate over an array relationship's rows.
     *
     * @param function the aggregate, or null for `count`
     */
    public record ArrayAggregate(ResolvedRelationship relationship, ResolvedTable remote, AggregateFunction function) {}
}
