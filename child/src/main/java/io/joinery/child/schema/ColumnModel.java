package io.joinery.child.schema;

/** A column of a tracked table as the GraphQL schema and the SQL compiler see it. */
public record ColumnModel(String name, PgType type, boolean nullable, boolean hasDefault, boolean isGenerated,
                          String comment) {
    public static ColumnModel from(PgColumn column) {
        return new ColumnModel(column.name(), column.type(), column.nullable(), column.hasDefault(),
                column.isGenerated(), column.comment());
    }
}
