package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.metadata.InconsistentObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes named inconsistent objects from metadata: what `drop_inconsistent_metadata` does to all
 * of them and `run_sql` with `cascade: true` to the ones its DDL broke. Objects are matched by
 * their inconsistent-object name (SPEC §1.7), the one identity both sides share.
 */
final class MetadataPruner {
    private MetadataPruner() {}

    static ChildMetadata without(ChildMetadata metadata, Collection<InconsistentObject> objects) {
        Set<String> names = objects.stream().map(InconsistentObject::name).collect(Collectors.toSet());
        List<TrackedTable> tables = metadata.tables().stream()
                .filter(t -> !names.contains(MetadataResolver.tableObjectName(t.table())))
                .map(t -> {
                    Set<String> relationships = t.relationships().stream()
                            .filter(r -> names.contains(MetadataResolver.relationshipObjectName(t.table(), r)))
                            .map(RelationshipDef::name).collect(Collectors.toSet());
                    Map<String, JsonNode> unsupported = keep(t.unsupported(),
                            key -> MetadataResolver.unsupportedTableObjectName(t.table(), key), names);
                    Set<String> remote = t.remoteRelationships().stream()
                            .filter(r -> names.contains(ToActionResolver.tableObjectName(t.table(), r.name())))
                            .map(ToActionRelationship::name).collect(Collectors.toSet());
                    return new TrackedTable(t.table(), t.withoutRelationships(relationships).relationships(), unsupported,
                            t.withoutRemoteRelationships(remote).remoteRelationships(),
                            t.withoutPermissions(p -> names.contains(MetadataResolver.permissionObjectName(t.table(), p)))
                                    .permissions());
                })
                .toList();
        return new ChildMetadata(tables,
                keep(metadata.unsupported(), MetadataResolver::unsupportedObjectName, names),
                keep(metadata.unsupportedSource(), MetadataResolver::unsupportedSourceObjectName, names),
                metadata.otherSources().stream()
                        .filter(s -> !names.contains(MetadataResolver.otherSourceObjectName(s))).toList(),
                metadata.actions().stream()
                        .filter(a -> !names.contains(MetadataResolver.actionObjectName(a.name()))).toList(),
                names.contains(MetadataResolver.CUSTOM_TYPES_OBJECT_NAME) ? CustomTypes.empty()
                        : ToActionResolver.withoutInconsistent(metadata.customTypes(), names));
    }

    private static Map<String, JsonNode> keep(Map<String, JsonNode> parts,
                                              java.util.function.Function<String, String> nameOf, Set<String> drop) {
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        parts.forEach((key, value) -> {
            if (!drop.contains(nameOf.apply(key))) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
