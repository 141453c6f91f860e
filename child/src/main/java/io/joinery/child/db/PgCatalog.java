package io.joinery.child.db;

import io.joinery.child.db.PgForeignKey;
import io.joinery.child.db.PgTable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the database has: tables, views, columns, keys. Read when metadata changes and after
 * `run_sql`, never per request. Foreign keys pointing AT a table are found by scanning, which is
 * fine at metadata-change time.
 */
public record PgCatalog(Map<QualifiedTable, PgTable> tables) {
    public PgCatalog {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    public static PgCatalog of(List<PgTable> tables) {
        Map<QualifiedTable, PgTable> byName = new TreeMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        return new PgCatalog(byName);
    }

    public Optional<PgTable> table(QualifiedTable name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** Foreign keys declared on {@code from} that reference {@code to}. */
    public List<PgForeignKey> foreignKeys(QualifiedTable from, QualifiedTable to) {
        return table(from).map(t -> t.foreignKeys().stream().filter(fk -> fk.refTable().equals(to)).toList())
                .orElse(List.of());
    }
}
