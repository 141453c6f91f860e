package io.joinery.child.sql;

import io.joinery.child.schema.ColumnModel;
import io.joinery.child.schema.OrderDirection;
import io.joinery.child.schema.RelationshipModel;
import java.util.List;

/**
 * One `order_by` key: a column of the selected table, or of a row reached through object
 * relationships ({@code path}, outermost first): `{author: {name: desc}}` -> path [author], name, DESC.
 */
public record OrderTerm(List<RelationshipModel> path, ColumnModel column, OrderDirection direction) {
    public OrderTerm {
        path = List.copyOf(path);
    }
}
