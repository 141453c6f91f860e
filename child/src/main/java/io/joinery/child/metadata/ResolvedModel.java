package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.child.metadata.ResolvedTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the GraphQL schema is built from and the SQL compiler and the actions read: the
 * consistent part of the metadata, resolved against the catalog by {@link MetadataResolver}. One
 * per {@link ChildSnapshot}; inconsistent objects never get here.
 */
public record ResolvedModel(Map<QualifiedTable, ResolvedTable> tables, ResolvedActions actions,
                            ResolvedPermissions permissions) {
    public static final ResolvedModel EMPTY = new ResolvedModel(Map.of(), ResolvedActions.EMPTY);

    public ResolvedModel {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        actions = actions == null ? ResolvedActions.EMPTY : actions;
        permissions = permissions == null ? ResolvedPermissions.EMPTY : permissions;
    }

    /** Tables and actions, no permissions (only admin may use them). */
    public ResolvedModel(Map<QualifiedTable, ResolvedTable> tables, ResolvedActions actions) {
        this(tables, actions, ResolvedPermissions.EMPTY);
    }

    public ResolvedModel withActions(ResolvedActions next) {
        return new ResolvedModel(tables, next, permissions);
    }

    public ResolvedModel withPermissions(ResolvedPermissions next) {
        return new ResolvedModel(tables, actions, next);
    }

    /** The tables, in (schema, name) order, without actions. */
    public static ResolvedModel of(List<ResolvedTable> tables) {
        Map<QualifiedTable, ResolvedTable> byName = new LinkedHashMap<>();
        tables.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(t -> byName.put(t.name(), t));
        return new ResolvedModel(byName, ResolvedActions.EMPTY);
    }

    public Optional<ResolvedTable> table(QualifiedTable name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** The table whose GraphQL base name is {@code graphqlName}. */
    public Optional<ResolvedTable> tableByGraphqlName(String graphqlName) {
        return tables.values().stream().filter(t -> t.graphqlName().equals(graphqlName)).findFirst();
    }
}
