package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link ChildMetadata} as `export_metadata` returns it (SPEC §1.3): version 3, key order
 * and sorting fixed, empty optional parts omitted, so that export → replace → export is
 * byte-identical. The `default` source always exports with its `tables` list (possibly empty) and
 * the fixed configuration pointing at `JOINERY_DATABASE_URL`; the configuration given on import is
 * ignored (Joinery choice, SPEC §1.3).
 */
public final class MetadataExporter {
    private static final List<String> TOP_LEVEL_ORDER = List.of("remote_schemas", "actions", "custom_types");

    private MetadataExporter() {}

    public static ObjectNode export(ChildMetadata metadata) {
        ObjectNode root = Json.object();
        root.put("version", 3);
        List<JsonNode> sources = new ArrayList<>(metadata.otherSources());
        sources.add(defaultSource(metadata));
        sources.sort(Comparator.comparing(s -> s.path("name").asText()));
        ArrayNode sourceList = root.putArray("sources");
        sources.forEach(sourceList::add);
        Map<String, JsonNode> rest = new LinkedHashMap<>(metadata.unsupported());
        if (!metadata.actions().isEmpty()) {
            ArrayNode actions = Json.array();
            metadata.actions().forEach(a -> actions.add(a.toJson()));
            rest.put("actions", actions);
        }
        if (!metadata.customTypes().isEmpty()) {
            rest.put("custom_types", metadata.customTypes().toJson());
        }
        for (String key : TOP_LEVEL_ORDER) {
            if (rest.containsKey(key)) {
                root.set(key, rest.remove(key));
            }
        }
        rest.forEach(root::set);
        return root;
    }

    private static ObjectNode defaultSource(ChildMetadata metadata) {
        ObjectNode source = Json.object();
        source.put("name", "default");
        source.put("kind", "postgres");
        ArrayNode tables = source.putArray("tables");
        metadata.tables().forEach(t -> tables.add(table(t)));
        metadata.unsupportedSource().forEach(source::set);
        source.putObject("configuration").putObject("connection_info").putObject("database_url")
                .put("from_env", "JOINERY_DATABASE_URL");
        return source;
    }

    /**
     * One table entry: `table`, then non-empty relationship lists, remote relationships, permission
     * lists (select, insert, update, delete; each sorted by role), then unsupported keys as given.
     */
    public static ObjectNode table(TrackedTable table) {
        ObjectNode node = Json.object();
        node.set("table", table.table().toJson());
        relationships(node, "object_relationships", table, RelationshipDef.Kind.OBJECT);
        relationships(node, "array_relationships", table, RelationshipDef.Kind.ARRAY);
        if (!table.remoteRelationships().isEmpty()) {
            ArrayNode list = node.putArray("remote_relationships");
            table.remoteRelationships().forEach(r -> list.add(r.toJson()));
        }
        for (PermissionKind kind : PermissionKind.values()) {
            List<TablePermission> ofKind = table.permissions().stream().filter(p -> p.kind() == kind).toList();
            if (!ofKind.isEmpty()) {
                ArrayNode list = node.putArray(kind.metadataKey());
                ofKind.forEach(p -> list.add(p.toJson()));
            }
        }
        table.unsupported().forEach(node::set);
        return node;
    }

    private static void relationships(ObjectNode node, String key, TrackedTable table, RelationshipDef.Kind kind) {
        List<RelationshipDef> ofKind = table.relationships().stream().filter(r -> r.kind() == kind).toList();
        if (!ofKind.isEmpty()) {
            ArrayNode list = node.putArray(key);
            ofKind.forEach(r -> list.add(r.toJson()));
        }
    }
}
