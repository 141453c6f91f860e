package io.joinery.child.schema;

import io.joinery.child.metadata.QualifiedTable;
import java.util.List;
import java.util.Optional;

/**
 * A tracked, consistent table: what the GraphQL schema exposes and the SQL compiler reads.
 * Inconsistent tables and relationships never get here.
 */
public record TableModel(QualifiedTable name, boolean isView, List<ColumnModel> columns, List<String> primaryKey,
                         List<PgTable.PgConstraint> uniqueConstraints, List<RelationshipModel> relationships,
                         String comment) {
    public TableModel {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueConstraints = List.copyOf(uniqueConstraints);
        relationships = List.copyOf(relationships);
    }

    /** The GraphQL base name: type name and root field name (`author`, `other_author`). */
    public String graphqlName() {
        return name.graphqlName();
    }

    public Optional<ColumnModel> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    public Optional<RelationshipModel> relationship(String relationship) {
        return relationships.stream().filter(r -> r.name().equals(relationship)).findFirst();
    }
}
