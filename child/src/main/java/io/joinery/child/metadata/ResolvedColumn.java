package io.joinery.child.metadata;

import io.joinery.child.db.PgColumn;
import io.joinery.child.db.PgType;
/** A column of a tracked table as the GraphQL schema and the SQL compiler see it. */
public record ResolvedColumn(String name, PgType type, boolean nullable, boolean hasDefault, boolean isGenerated,
                          String comment) {
    public static ResolvedColumn from(PgColumn column) {
        return new ResolvedColumn(column.name(), column.type(), column.nullable(), column.hasDefault(),
                column.isGenerated(), column.comment());
    }
}
