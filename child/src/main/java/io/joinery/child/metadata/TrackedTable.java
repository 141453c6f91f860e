package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tracked table or view with its relationships (sorted by name). {@code unsupported} holds keys
 * of the table entry Joinery does not implement (event triggers, ...), kept only when
 * they were accepted with `allow_inconsistent_metadata` so they are listed and exported, never lost.
 * {@code remoteRelationships} are its `to_action` relationships (SPEC §12), sorted by name.
 * {@code permissions} are its table permissions (SPEC §10), sorted by kind, then role.
 */
public record TrackedTable(QualifiedTable table, List<RelationshipDef> relationships, Map<String, JsonNode> unsupported,
                           List<ToActionRelationship> remoteRelationships, List<TablePermission> permissions) {
    public TrackedTable {
        permissions = permissions.stream().sorted(Comparator.comparing(TablePermission::kind)
                .thenComparing(TablePermission::role)).toList();
        relationships = relationships.stream().sorted(Comparator.comparing(RelationshipDef::name)).toList();
        unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
        remoteRelationships = remoteRelationships.stream()
                .sorted(Comparator.comparing(ToActionRelationship::name)).toList();
    }

    public TrackedTable(QualifiedTable table, List<RelationshipDef> relationships, Map<String, JsonNode> unsupported,
                        List<ToActionRelationship> remoteRelationships) {
        this(table, relationships, unsupported, remoteRelationships, List.of());
    }

    public TrackedTable(QualifiedTable table, List<RelationshipDef> relationships, Map<String, JsonNode> unsupported) {
        this(table, relationships, unsupported, List.of());
    }

    public static TrackedTable of(QualifiedTable table) {
        return new TrackedTable(table, List.of(), Map.of());
    }

    public Optional<RelationshipDef> relationship(String relationship) {
        return relationships.stream().filter(r -> r.name().equals(relationship)).findFirst();
    }

    public Optional<ToActionRelationship> remoteRelationship(String name) {
        return remoteRelationships.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public TrackedTable withRelationship(RelationshipDef relationship) {
        List<RelationshipDef> next = new ArrayList<>(relationships);
        next.add(relationship);
        return new TrackedTable(table, next, unsupported, remoteRelationships, permissions);
    }

    public TrackedTable withoutRelationships(Set<String> names) {
        return new TrackedTable(table, relationships.stream().filter(r -> !names.contains(r.name())).toList(),
                unsupported, remoteRelationships, permissions);
    }

    /** This table with {@code relationship} added, or replacing the remote relationship of the same name. */
    public TrackedTable withRemoteRelationship(ToActionRelationship relationship) {
        List<ToActionRelationship> next = new ArrayList<>(remoteRelationships);
        next.removeIf(r -> r.name().equals(relationship.name()));
        next.add(relationship);
        return new TrackedTable(table, relationships, unsupported, next, permissions);
    }

    public TrackedTable withoutRemoteRelationships(Set<String> names) {
        return new TrackedTable(table, relationships, unsupported,
                remoteRelationships.stream().filter(r -> !names.contains(r.name())).toList(), permissions);
    }

    public TrackedTable withoutUnsupported() {
        return new TrackedTable(table, relationships, Map.of(), remoteRelationships, permissions);
    }

    public Optional<TablePermission> permission(PermissionKind kind, String role) {
        return permissions.stream().filter(p -> p.kind() == kind && p.role().equals(role)).findFirst();
    }

    /** This table with {@code permission} added, or replacing the one of the same kind and role. */
    public TrackedTable withPermission(TablePermission permission) {
        List<TablePermission> next = new ArrayList<>(permissions);
        next.removeIf(p -> p.kind() == permission.kind() && p.role().equals(permission.role()));
        next.add(permission);
        return new TrackedTable(table, relationships, unsupported, remoteRelationships, next);
    }

    public TrackedTable withoutPermission(PermissionKind kind, String role) {
        return new TrackedTable(table, relationships, unsupported, remoteRelationships, permissions.stream()
                .filter(p -> !(p.kind() == kind && p.role().equals(role))).toList());
    }

    /** This table without the permissions {@code drop} selects. */
    public TrackedTable withoutPermissions(java.util.function.Predicate<TablePermission> drop) {
        return new TrackedTable(table, relationships, unsupported, remoteRelationships,
                permissions.stream().filter(drop.negate()).toList());
    }
}
