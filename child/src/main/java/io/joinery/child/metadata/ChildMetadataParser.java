package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.ArgsReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a metadata object (as `export_metadata` writes it, version 3; the older shape with
 * top-level `tables` is also read) into {@link ChildMetadata}.
 *
 * <p>Parts Joinery does not support (unknown keys with non-empty values, sources other than
 * `default`) are rejected with `not-supported` naming the key, or, when {@code keepUnsupported}
 * (`allow_inconsistent_metadata`), kept so that they are listed as inconsistent (SPEC §0.4, §1.4).
 * A source's `configuration` is accepted and ignored.
 */
public final class ChildMetadataParser {
    private static final Set<String> TOP_LEVEL = Set.of("version", "sources", "actions", "custom_types");
    private static final Set<String> SOURCE = Set.of("name", "kind", "tables", "configuration");
    private static final Set<String> TABLE = Set.of("table", "object_relationships", "array_relationships",
            "remote_relationships", "select_permissions", "insert_permissions", "update_permissions",
            "delete_permissions");

    private final boolean keepUnsupported;

    private ChildMetadataParser(boolean keepUnsupported) {
        this.keepUnsupported = keepUnsupported;
    }

    public static ChildMetadata parse(JsonNode metadata, ErrorPath at, boolean keepUnsupported) {
        return new ChildMetadataParser(keepUnsupported).metadata(ArgsReader.of(metadata, at));
    }

    private ChildMetadata metadata(ArgsReader root) {
        Map<String, JsonNode> unsupported = new LinkedHashMap<>();
        Map<String, JsonNode> unsupportedSource = new LinkedHashMap<>();
        List<JsonNode> otherSources = new ArrayList<>();
        List<TrackedTable> tables = new ArrayList<>();
        boolean legacyTables = !root.has("sources") && root.has("tables");
        boolean sawDefault = false;
        if (legacyTables) {
            tables.addAll(tables(root.required("tables"), root.at("tables")));
        }
        if (root.has("sources")) {
            JsonNode sources = root.required("sources");
            if (!sources.isArray()) {
                throw ArgsReader.mismatch("Array", sources, root.at("sources"));
            }
            for (int i = 0; i < sources.size(); i++) {
                ArgsReader source = ArgsReader.of(sources.get(i), root.at("sources").index(i));
                String name = source.string("name");
                if (!name.equals("default")) {
                    if (!keepUnsupported) {
                        throw new JoineryException(ErrorCode.NOT_SUPPORTED, "source \"" + name
                                + "\" is not supported: the child serves one source, \"default\"", source.at("name"));
                    }
                    otherSources.add(source.node());
                    continue;
                }
                if (sawDefault) {
                    throw ArgsReader.parseFailed("source \"default\" is declared more than once", source.at());
                }
                sawDefault = true;
                String kind = source.optionalString("kind").orElse("postgres");
                if (!kind.equals("postgres")) {
                    throw new JoineryException(ErrorCode.NOT_SUPPORTED,
                            "source kind \"" + kind + "\" is not supported: the child serves postgres", source.at("kind"));
                }
                if (source.has("tables")) {
                    tables.addAll(tables(source.required("tables"), source.at("tables")));
                }
                collectUnsupported(source, SOURCE, "source", unsupportedSource);
            }
        }
        collectUnsupported(root, legacyTables ? Set.of("version", "tables", "actions", "custom_types") : TOP_LEVEL,
                "metadata", unsupported);
        List<ActionDef> actions = root.has("actions") ? actions(root.required("actions"), root.at("actions")) : List.of();
        CustomTypes customTypes = root.has("custom_types")
                ? CustomTypesParser.parse(root.required("custom_types"), root.at("custom_types")) : CustomTypes.empty();
        return new ChildMetadata(tables, unsupported, unsupportedSource, otherSources, actions, customTypes);
    }

    private static List<ActionDef> actions(JsonNode list, ErrorPath at) {
        if (!list.isArray()) {
            throw ArgsReader.mismatch("Array", list, at);
        }
        List<ActionDef> actions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ActionDef action = ActionDefParser.parse(list.get(i), at.index(i));
            if (!names.add(action.name())) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                        "action with name \"" + action.name() + "\" already exists", at.index(i));
            }
            actions.add(action);
        }
        return actions;
    }

    private List<TrackedTable> tables(JsonNode list, ErrorPath at) {
        if (!list.isArray()) {
            throw ArgsReader.mismatch("Array", list, at);
        }
        List<TrackedTable> tables = new ArrayList<>();
        Set<QualifiedTable> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ArgsReader entry = ArgsReader.of(list.get(i), at.index(i));
            TrackedTable table = table(entry);
            if (!seen.add(table.table())) {
                throw ArgsReader.parseFailed("table \"" + table.table().displayName() + "\" is declared more than once",
                        entry.at());
            }
            tables.add(table);
        }
        return tables;
    }

    private TrackedTable table(ArgsReader entry) {
        QualifiedTable name = QualifiedTable.read(entry, "table");
        List<RelationshipDef> relationships = new ArrayList<>();
        relationships.addAll(relationships(entry, "object_relationships", RelationshipDef.Kind.OBJECT));
        relationships.addAll(relationships(entry, "array_relationships", RelationshipDef.Kind.ARRAY));
        Set<String> names = new HashSet<>();
        for (RelationshipDef r : relationships) {
            if (!names.add(r.name())) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS, "relationship \"" + r.name()
                        + "\" is declared more than once on table \"" + name.displayName() + "\"", entry.at());
            }
        }
        Map<String, JsonNode> unsupported = new LinkedHashMap<>();
        collectUnsupported(entry, TABLE, "table", unsupported);
        List<ToActionRelationship> remote = entry.list("remote_relationships",
                (node, at) -> ToActionRelationship.parse(ArgsReader.of(node, at)));
        for (ToActionRelationship r : remote) {
            if (!names.add(r.name())) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS, "relationship \"" + r.name()
                        + "\" is declared more than once on table \"" + name.displayName() + "\"", entry.at());
            }
        }
        List<TablePermission> permissions = new ArrayList<>();
        for (PermissionKind kind : PermissionKind.values()) {
            List<TablePermission> ofKind = entry.list(kind.metadataKey(),
                    (node, at) -> PermissionDefParser.entry(kind, node, at));
            Set<String> roles = new HashSet<>();
            for (int i = 0; i < ofKind.size(); i++) {
                if (!roles.add(ofKind.get(i).role()) || ofKind.get(i).role().equals(RoleAccess.ADMIN.role())) {
                    throw new JoineryException(ErrorCode.ALREADY_EXISTS, PermissionCommandApplier.alreadyDefined(kind,
                            name, ofKind.get(i).role()), entry.at(kind.metadataKey()).index(i));
                }
            }
            permissions.addAll(ofKind);
        }
        return new TrackedTable(name, relationships, unsupported, remote, permissions);
    }

    private static List<RelationshipDef> relationships(ArgsReader entry, String key, RelationshipDef.Kind kind) {
        if (!entry.has(key)) {
            return List.of();
        }
        JsonNode list = entry.required(key);
        if (!list.isArray()) {
            throw ArgsReader.mismatch("Array", list, entry.at(key));
        }
        List<RelationshipDef> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(RelationshipParser.relationship(ArgsReader.of(list.get(i), entry.at(key).index(i)), kind));
        }
        return out;
    }

    private void collectUnsupported(ArgsReader object, Set<String> known, String scope, Map<String, JsonNode> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (known.contains(field.getKey()) || ArgsReader.isEmptyValue(field.getValue())) {
                continue;
            }
            if (!keepUnsupported) {
                throw new JoineryException(ErrorCode.NOT_SUPPORTED,
                        scope + " key \"" + field.getKey() + "\" is not supported by Joinery", object.at(field.getKey()));
            }
            into.put(field.getKey(), field.getValue());
        }
    }
}
