package io.joinery.child.schema;

import io.joinery.child.metadata.QualifiedTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the GraphQL schema is built from and the SQL compiler reads: the consistent part of
 * the metadata, resolved against the catalog. One immutable snapshot per metadata version.
 */
public record SchemaModel(Map<QualifiedTable, TableModel> tables, ActionsModel actions) {
    public static final SchemaModel EMPTY = new SchemaModel(Map.of());

    public SchemaModel {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        actions = actions == null ? ActionsModel.EMPTY : actions;
    }

    /** Tables only, no actions. */
    public SchemaModel(Map<QualifiedTable, TableModel> tables) {
        this(tables, ActionsModel.EMPTY);
    }

    public SchemaModel withActions(ActionsModel next) {
        return new SchemaModel(tables, next);
    }

    public static SchemaModel of(List<TableModel> tables) {
        Map<QualifiedTable, TableModel> byName = new LinkedHashMap<>();
        tables.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(t -> byName.put(t.name(), t));
        return new SchemaModel(byName);
    }

    public Optional<TableModel> table(QualifiedTable name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** The table whose GraphQL base name is {@code graphqlName}. */
    public Optional<TableModel> tableByGraphqlName(String graphqlName) {
        return tables.values().stream().filter(t -> t.graphqlName().equals(graphqlName)).findFirst();
    }
}
