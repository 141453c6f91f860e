package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.db.PgCatalog;
import io.joinery.child.db.PgForeignKey;
import io.joinery.child.db.PgTable;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.metadata.InconsistencyReport;
import io.joinery.core.metadata.InconsistentObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves metadata against the Postgres catalog (pure): every tracked table that exists becomes a
 * {@link ResolvedTable}; every relationship whose tables, columns and foreign key exist becomes a
 * {@link ResolvedRelationship} mapping this table's columns to the remote table's columns, whichever
 * `using` form declared it. Everything else is an {@link InconsistentObject} (SPEC §1.7) and stays
 * out of the model. The remote table of a relationship must itself be tracked and consistent. Two
 * tables whose GraphQL base names collide (`public.other_book`, `other.book`): the second in
 * (schema, name) order is inconsistent. Custom types and actions are resolved by {@link ActionResolver}.
 */
public final class MetadataResolver {
    private static final String SOURCE = "default";

    private final Function<String, String> env;
    private final SchemaCheck schemaCheck;
    private final PermissionCheck permissionCheck;

    /**
     * @param env         the environment actions' `{{VAR}}` and `value_from_env` are read from
     *                    (an action whose variable is not set is inconsistent)
     * @param schemaCheck whether a schema can be built from a model (custom types that clash with
     *                    generated names are inconsistent)
     */
    public MetadataResolver(Function<String, String> env, SchemaCheck schemaCheck, PermissionCheck permissionCheck) {
        this.env = env;
        this.schemaCheck = schemaCheck;
        this.permissionCheck = permissionCheck;
    }

    /** A resolver that does not compile permission expressions (only their columns are checked). */
    public MetadataResolver(Function<String, String> env, SchemaCheck schemaCheck) {
        this(env, schemaCheck, PermissionCheck.NONE);
    }

    PermissionCheck permissionCheck() {
        return permissionCheck;
    }

    /** {@code metadata} resolved against {@code catalog}, as a snapshot; its version is stamped when it is swapped in. */
    public ChildSnapshot snapshot(ChildMetadata metadata, PgCatalog catalog, long resourceVersion) {
        return new ChildSnapshot(0, resourceVersion, metadata, catalog, resolve(metadata, catalog));
    }

    /**
     * The snapshot with {@code next} metadata (same catalog), unless that makes something newly
     * inconsistent: `invalid-configuration` when only {@code ownObjects} (the command's own) broke,
     * `unexpected` when others did (SPEC §1.1).
     */
    public ChildSnapshot resolveNext(ChildSnapshot state, ChildMetadata next, ErrorPath at, Set<String> ownObjects) {
        Resolution resolution = resolve(next, state.catalog());
        List<InconsistentObject> fresh = resolution.newSince(state.resolution());
        if (fresh.isEmpty()) {
            return state.with(next, resolution);
        }
        if (fresh.stream().allMatch(o -> ownObjects.contains(o.name()))) {
            throw InconsistencyReport.ownObjectsFailed(fresh, at);
        }
        throw InconsistencyReport.othersBroke(fresh, at);
    }

    public Resolution resolve(ChildMetadata metadata, PgCatalog catalog) {
        List<InconsistentObject> inconsistent = new ArrayList<>(unsupported(metadata));
        Map<QualifiedTable, PgTable> present = new LinkedHashMap<>();
        Map<String, QualifiedTable> graphqlNames = new LinkedHashMap<>();
        for (TrackedTable table : metadata.tables()) {
            Optional<PgTable> pg = catalog.table(table.table());
            QualifiedTable clash = graphqlNames.get(table.table().graphqlName());
            if (pg.isEmpty()) {
                inconsistent.add(InconsistentObject.of("table", tableObjectName(table.table()),
                        table.table().toJson(), noSuchTable(table.table())));
            } else if (clash != null) {
                inconsistent.add(InconsistentObject.of("table", tableObjectName(table.table()), table.table().toJson(),
                        "the GraphQL name \"" + table.table().graphqlName() + "\" of table \""
                                + table.table().displayName() + "\" is already used by table \"" + clash.displayName() + "\""));
            } else {
                present.put(table.table(), pg.get());
                graphqlNames.put(table.table().graphqlName(), table.table());
            }
        }
        List<ResolvedTable> models = new ArrayList<>();
        for (TrackedTable table : metadata.tables()) {
            PgTable pg = present.get(table.table());
            if (pg == null) {
                continue;
            }
            List<ResolvedRelationship> relationships = new ArrayList<>();
            for (RelationshipDef def : table.relationships()) {
                try {
                    relationships.add(relationship(table.table(), pg, def, metadata, present));
                } catch (Unresolved e) {
                    inconsistent.add(InconsistentObject.of(def.kind().inconsistencyType(),
                            relationshipObjectName(table.table(), def), relationshipDefinition(table.table(), def),
                            e.getMessage()));
                }
            }
            models.add(new ResolvedTable(table.table(), pg.isView(), pg.columns().stream().map(ResolvedColumn::from).toList(),
                    pg.primaryKey(), pg.uniqueConstraints(), relationships, pg.comment()));
        }
        ActionResolver.Resolved actions = ActionResolver.resolve(metadata, models, env, schemaCheck);
        inconsistent.addAll(actions.inconsistencies());
        ToActionResolver.Resolved joins = ToActionResolver.resolve(metadata, models, actions.model());
        inconsistent.addAll(joins.inconsistencies());
        ResolvedModel model = ResolvedModel.of(models).withActions(actions.model().withJoins(joins.joins()));
        return new Resolution(model.withPermissions(permissions(metadata, model, inconsistent)), inconsistent);
    }

    /** The permissions that fit their (consistent) tables; the others are added to {@code inconsistent}. */
    private ResolvedPermissions permissions(ChildMetadata metadata, ResolvedModel model,
                                            List<InconsistentObject> inconsistent) {
        ResolvedPermissions out = ResolvedPermissions.EMPTY;
        for (TrackedTable table : metadata.tables()) {
            ResolvedTable resolved = model.table(table.table()).orElse(null);
            if (resolved == null) {
                continue;
            }
            for (TablePermission permission : table.permissions()) {
                try {
                    PermissionValidator.validate(permission.permission(), resolved, model, permissionCheck,
                            ErrorPath.root());
                    out = out.with(permission.role(), table.table(), permission.permission());
                } catch (io.joinery.core.error.JoineryException e) {
                    inconsistent.add(InconsistentObject.of(permission.kind().inconsistencyType(),
                            permissionObjectName(table.table(), permission), permissionDefinition(table.table(), permission),
                            inconsistencyReason(table.table(), permission.role(), e.getMessage())));
                }
            }
        }
        return out.withInheritedRoles(metadata.inheritedRoles());
    }

    /** `in table "article": in permission for role "user": <problem>`, Hasura's reason for a permission that does not fit. */
    static String inconsistencyReason(QualifiedTable table, String role, String problem) {
        return "in table \"" + table.displayName() + "\": in permission for role \"" + role + "\": " + problem;
    }

    /** `select_permission user in table public.article in source default` */
    public static String permissionObjectName(QualifiedTable table, TablePermission permission) {
        return permission.kind().inconsistencyType() + " " + permission.role() + " in table " + table
                + " in source " + SOURCE;
    }

    /** The create-permission arguments that declare {@code permission}: the definition of its inconsistent object. */
    static ObjectNode permissionDefinition(QualifiedTable table, TablePermission permission) {
        ObjectNode node = permission.toJson();
        node.put("source", SOURCE);
        node.set("table", table.toJson());
        return node;
    }

    /** The inconsistent-object name of the custom types (all of them are one object). */
    public static final String CUSTOM_TYPES_OBJECT_NAME = "custom_types";

    /** `action place_order` */
    public static String actionObjectName(String action) {
        return "action " + action;
    }

    /** `table public.article in source default` */
    public static String tableObjectName(QualifiedTable table) {
        return "table " + table + " in source " + SOURCE;
    }

    /** `array_relation articles in table public.author in source default` */
    public static String relationshipObjectName(QualifiedTable table, RelationshipDef def) {
        return def.kind().inconsistencyType() + " " + def.name() + " in table " + table + " in source " + SOURCE;
    }

    /** The create-relationship arguments that declare {@code def}: the definition of its inconsistent object. */
    public static ObjectNode relationshipDefinition(QualifiedTable table, RelationshipDef def) {
        ObjectNode node = def.toJson();
        node.put("source", SOURCE);
        node.set("table", table.toJson());
        return node;
    }

    public static String noSuchTable(QualifiedTable table) {
        return "no such table/view exists in source: \"" + table.displayName() + "\"";
    }

    public static String columnOrRelationshipExists(String name, QualifiedTable table) {
        return "column/relationship \"" + name + "\" of table \"" + table.displayName() + "\" already exists";
    }

    private static ResolvedRelationship relationship(QualifiedTable self, PgTable pg, RelationshipDef def,
                                                  ChildMetadata metadata, Map<QualifiedTable, PgTable> present) {
        if (pg.column(def.name()).isPresent()) {
            throw new Unresolved(columnOrRelationshipExists(def.name(), self));
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        QualifiedTable remoteName;
        if (def.using() instanceof RelationshipUsing.ForeignKeyOnColumns fk) {
            requireColumns(pg, fk.columns());
            PgForeignKey key = pg.foreignKeys().stream()
                    .filter(k -> sameColumns(k.columns().keySet(), fk.columns()))
                    .findFirst()
                    .orElseThrow(() -> new Unresolved("no foreign key constraint exists on column(s) "
                            + String.join(", ", fk.columns()) + " of table \"" + self.displayName() + "\""));
            remoteName = key.refTable();
            remoteTable(remoteName, metadata, present);
            mapping.putAll(key.columns());
        } else if (def.using() instanceof RelationshipUsing.ForeignKeyOnRemote fk) {
            remoteName = fk.table();
            PgTable remote = remoteTable(remoteName, metadata, present);
            requireColumns(remote, fk.columns());
            PgForeignKey key = remote.foreignKeys().stream()
                    .filter(k -> k.refTable().equals(self) && sameColumns(k.columns().keySet(), fk.columns()))
                    .findFirst()
                    .orElseThrow(() -> new Unresolved("no foreign key constraint on column(s) "
                            + String.join(", ", fk.columns()) + " of table \"" + remoteName.displayName()
                            + "\" references table \"" + self.displayName() + "\""));
            key.columns().forEach((remoteColumn, selfColumn) -> mapping.put(selfColumn, remoteColumn));
        } else if (def.using() instanceof RelationshipUsing.Manual manual) {
            remoteName = manual.remoteTable();
            PgTable remote = remoteTable(remoteName, metadata, present);
            requireColumns(pg, List.copyOf(manual.columnMapping().keySet()));
            requireColumns(remote, List.copyOf(manual.columnMapping().values()));
            mapping.putAll(manual.columnMapping());
        } else {
            throw new IllegalStateException("unknown relationship form " + def.using());
        }
        ResolvedRelationship.Kind kind = def.kind() == RelationshipDef.Kind.OBJECT
                ? ResolvedRelationship.Kind.OBJECT : ResolvedRelationship.Kind.ARRAY;
        return new ResolvedRelationship(def.name(), kind, remoteName, mapping, def.comment());
    }

    private static PgTable remoteTable(QualifiedTable name, ChildMetadata metadata, Map<QualifiedTable, PgTable> present) {
        if (!metadata.isTracked(name)) {
            throw new Unresolved("table \"" + name.displayName() + "\" is not tracked");
        }
        PgTable table = present.get(name);
        if (table == null) {
            throw new Unresolved(noSuchTable(name));
        }
        return table;
    }

    private static void requireColumns(PgTable table, List<String> columns) {
        for (String column : columns) {
            if (table.column(column).isEmpty()) {
                throw new Unresolved("column \"" + column + "\" does not exist in table \""
                        + table.name().displayName() + "\"");
            }
        }
    }

    private static boolean sameColumns(Set<String> keyColumns, List<String> given) {
        return keyColumns.equals(new HashSet<>(given)) && keyColumns.size() == given.size();
    }

    private static List<InconsistentObject> unsupported(ChildMetadata metadata) {
        List<InconsistentObject> out = new ArrayList<>();
        metadata.unsupported().forEach((key, value) -> out.add(InconsistentObject.of(key,
                unsupportedObjectName(key), value, "metadata key \"" + key + "\" is not supported by Joinery")));
        metadata.unsupportedSource().forEach((key, value) -> out.add(InconsistentObject.of(key,
                unsupportedSourceObjectName(key), value, "source key \"" + key + "\" is not supported by Joinery")));
        for (JsonNode source : metadata.otherSources()) {
            String name = source.path("name").asText();
            out.add(InconsistentObject.of("source", otherSourceObjectName(source), source,
                    "source \"" + name + "\" is not supported: the child serves one source, \"default\""));
        }
        for (TrackedTable table : metadata.tables()) {
            table.unsupported().forEach((key, value) -> out.add(InconsistentObject.of(key,
                    unsupportedTableObjectName(table.table(), key), value,
                    "table key \"" + key + "\" is not supported by Joinery")));
        }
        return out;
    }

    /** `cron_triggers`: an unsupported top-level key. */
    static String unsupportedObjectName(String key) {
        return key;
    }

    /** `functions in source default` */
    static String unsupportedSourceObjectName(String key) {
        return key + " in source " + SOURCE;
    }

    /** `source other` */
    static String otherSourceObjectName(JsonNode source) {
        return "source " + source.path("name").asText();
    }

    /** `select_permissions in table public.author in source default` */
    static String unsupportedTableObjectName(QualifiedTable table, String key) {
        return key + " in table " + table + " in source " + SOURCE;
    }

    /** Why a relationship does not resolve; caught within this class only. */
    private static final class Unresolved extends RuntimeException {
        Unresolved(String reason) {
            super(reason, null, false, false);
        }
    }
}
