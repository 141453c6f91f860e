package io.joinery.child.metadata;

import io.joinery.child.db.PgTable;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedRelationship;
import java.util.List;
import java.util.Optional;

/**
 * A tracked, consistent table: what the GraphQL schema exposes and the SQL compiler reads.
 * Inconsistent tables and relationships never get here.
 */
public record ResolvedTable(QualifiedTable name, boolean isView, List<ResolvedColumn> columns, List<String> primaryKey,
                         List<PgTable.PgConstraint> uniqueConstraints, List<ResolvedRelationship> relationships,
                         String comment) {
    public ResolvedTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueConstraints = List.copyOf(uniqueConstraints);
        relationships = List.copyOf(relationships);
    }

    /** The GraphQL base name: type name and root field name (`author`, `other_author`). */
    public String graphqlName() {
        return name.graphqlName();
    }

    public Optional<ResolvedColumn> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    public Optional<ResolvedRelationship> relationship(String relationship) {
        return relationships.stream().filter(r -> r.name().equals(relationship)).findFirst();
    }
}
