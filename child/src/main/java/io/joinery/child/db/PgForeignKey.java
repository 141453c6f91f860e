package io.joinery.child.db;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A foreign key constraint `table(columns) REFERENCES refTable(refColumns)`;
 * {@code columns} maps each referencing column to the referenced one, in constraint order.
 */
public record PgForeignKey(String name, QualifiedTable table, QualifiedTable refTable, Map<String, String> columns) {
    public PgForeignKey {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
