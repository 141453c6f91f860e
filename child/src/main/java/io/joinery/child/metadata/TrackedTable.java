package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tracked table or view with its relationships (sorted by name). {@code unsupported} holds keys
 * of the table entry Joinery does not implement (permissions, event triggers, ...), kept only when
 * they were accepted with `allow_inconsistent_metadata` so they are listed and exported, never lost.
 */
public record TrackedTable(QualifiedTable table, List<RelationshipDef> relationships, Map<String, JsonNode> unsupported) {
    public TrackedTable {
        relationships = relationships.stream().sorted(Comparator.comparing(RelationshipDef::name)).toList();
        unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
    }

    public static TrackedTable of(QualifiedTable table) {
        return new TrackedTable(table, List.of(), Map.of());
    }

    public Optional<RelationshipDef> relationship(String name) {
        return relationships.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public TrackedTable withRelationship(RelationshipDef relationship) {
        List<RelationshipDef> next = new java.util.ArrayList<>(relationships);
        next.add(relationship);
        return new TrackedTable(table, next, unsupported);
    }

    public TrackedTable withoutRelationships(java.util.Set<String> names) {
        return new TrackedTable(table, relationships.stream().filter(r -> !names.contains(r.name())).toList(),
                unsupported);
    }

    public TrackedTable withoutUnsupported() {
        return new TrackedTable(table, relationships, Map.of());
    }
}
