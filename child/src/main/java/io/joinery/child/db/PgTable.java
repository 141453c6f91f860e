package io.joinery.child.db;

import io.joinery.child.db.PgColumn;
import io.joinery.child.db.PgForeignKey;
import java.util.List;
import java.util.Optional;

/**
 * A table or view as the Postgres catalog describes it.
 *
 * @param isView            true for views and materialized views (no mutations on them)
 * @param primaryKey        primary-key columns in key order; empty when there is none
 * @param uniqueConstraints name and columns of the primary key and unique constraints (for `on_conflict`)
 * @param foreignKeys       foreign keys declared ON this table (outgoing)
 */
public record PgTable(QualifiedTable name, boolean isView, List<PgColumn> columns, List<String> primaryKey,
                      List<PgConstraint> uniqueConstraints, List<PgForeignKey> foreignKeys, String comment) {
    public PgTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueConstraints = List.copyOf(uniqueConstraints);
        foreignKeys = List.copyOf(foreignKeys);
    }

    public Optional<PgColumn> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    /** A primary key or unique constraint. */
    public record PgConstraint(String name, List<String> columns) {
        public PgConstraint {
            columns = List.copyOf(columns);
        }
    }
}
