package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.schema.PgCatalog;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a {@link ChildCommand} to a {@link MetadataState} (pure; throws {@link JoineryException}).
 *
 * <p>A mutating command builds the next metadata, resolves it against the same catalog and
 * compares: an object that was consistent (or absent) before and is inconsistent now fails the
 * command, with `invalid-configuration` "Inconsistent object: ..." when it is the command's own
 * object and `unexpected` "cannot continue due to new inconsistent metadata" when it is another
 * one (SPEC §1.1). `replace_metadata` refuses any inconsistency unless
 * `allow_inconsistent_metadata`; `reload_metadata` never refuses. A `bulk` applies its commands in
 * order, each to the previous one's result; the first failure fails the whole bulk.
 */
public final class CommandApplier {
    private CommandApplier() {}

    /** The state after the command and the command's response body. */
    public record Outcome(MetadataState state, JsonNode response) {}

    public static Outcome apply(MetadataState state, ChildCommand command) {
        if (command instanceof ChildCommand.Bulk bulk) {
            ArrayNode responses = Json.array();
            MetadataState current = state;
            for (ChildCommand each : bulk.commands()) {
                Outcome outcome = apply(current, each);
                responses.add(outcome.response());
                current = outcome.state();
            }
            return new Outcome(current, responses);
        }
        if (command instanceof ChildCommand.TrackTable c) {
            return trackTable(state, c);
        }
        if (command instanceof ChildCommand.UntrackTable c) {
            return untrackTable(state, c);
        }
        if (command instanceof ChildCommand.CreateRelationship c) {
            return createRelationship(state, c);
        }
        if (command instanceof ChildCommand.DropRelationship c) {
            return dropRelationship(state, c);
        }
        if (command instanceof ChildCommand.SetCustomTypes
                || command instanceof ChildCommand.CreateAction
                || command instanceof ChildCommand.UpdateAction
                || command instanceof ChildCommand.DropAction
                || command instanceof ChildCommand.CreateActionPermission
                || command instanceof ChildCommand.DropActionPermission) {
            return ActionCommandApplier.apply(state, command);
        }
        if (command instanceof ChildCommand.ExportMetadata c) {
            return new Outcome(state, export(state, c.withResourceVersion()));
        }
        if (command instanceof ChildCommand.ReplaceMetadata c) {
            return replaceMetadata(state, c);
        }
        if (command instanceof ChildCommand.ReloadMetadata) {
            ObjectNode response = success();
            response.put("is_consistent", state.resolution().inconsistencies().isEmpty());
            if (!state.resolution().inconsistencies().isEmpty()) {
                response.set("inconsistent_objects", list(state.resolution().inconsistencies()));
            }
            return new Outcome(state, response);
        }
        if (command instanceof ChildCommand.ClearMetadata c) {
            return new Outcome(checked(state, ChildMetadata.EMPTY, c.at(), Set.of()), success());
        }
        if (command instanceof ChildCommand.GetInconsistentMetadata) {
            return new Outcome(state, inconsistency(state.resolution()));
        }
        if (command instanceof ChildCommand.DropInconsistentMetadata c) {
            return new Outcome(checked(state,
                    MetadataPruner.without(state.metadata(), state.resolution().inconsistencies()), c.at(), Set.of()), success());
        }
        throw new IllegalStateException("unhandled command " + command);
    }

    /** `export_metadata`: the metadata object, or `{resource_version, metadata}` for `version: 2`. */
    public static JsonNode export(MetadataState state, boolean withResourceVersion) {
        ObjectNode metadata = MetadataExporter.export(state.metadata());
        if (!withResourceVersion) {
            return metadata;
        }
        ObjectNode response = Json.object();
        response.put("resource_version", state.resourceVersion());
        response.set("metadata", metadata);
        return response;
    }

    /** `{"is_consistent": ..., "inconsistent_objects": [...]}` */
    public static ObjectNode inconsistency(Resolution resolution) {
        ObjectNode response = Json.object();
        response.put("is_consistent", resolution.inconsistencies().isEmpty());
        response.set("inconsistent_objects", list(resolution.inconsistencies()));
        return response;
    }

    private static Outcome trackTable(MetadataState state, ChildCommand.TrackTable c) {
        if (state.metadata().isTracked(c.table())) {
            throw new JoineryException(ErrorCode.ALREADY_TRACKED,
                    "view/table already tracked: \"" + c.table().displayName() + "\"", c.at());
        }
        ChildMetadata next = state.metadata().withTable(TrackedTable.of(c.table()));
        return new Outcome(checked(state, next, c.at(), Set.of(MetadataResolver.tableObjectName(c.table()))), success());
    }

    private static Outcome untrackTable(MetadataState state, ChildCommand.UntrackTable c) {
        if (!state.metadata().isTracked(c.table())) {
            throw new JoineryException(ErrorCode.ALREADY_UNTRACKED,
                    "view/table already untracked: \"" + c.table().displayName() + "\"", c.at());
        }
        Map<QualifiedTable, Set<String>> dependents = dependents(state, c.table());
        List<String> typeDependents = ActionCommandApplier.typeRelationshipsTo(state.metadata().customTypes(), c.table());
        if ((!dependents.isEmpty() || !typeDependents.isEmpty()) && !c.cascade()) {
            List<String> names = new ArrayList<>();
            dependents.forEach((table, rels) -> rels.forEach(r -> names.add("relationship " + table.displayName() + "." + r)));
            names.addAll(typeDependents);
            throw new JoineryException(ErrorCode.DEPENDENCY_ERROR,
                    "cannot drop due to the following dependent objects: " + String.join(", ", names), c.at());
        }
        ChildMetadata next = state.metadata()
                .mapTables(t -> dependents.containsKey(t.table()) ? t.withoutRelationships(dependents.get(t.table())) : t)
                .withoutTable(c.table());
        next = next.withCustomTypes(ActionCommandApplier.withoutRelationshipsTo(next.customTypes(), c.table()));
        return new Outcome(checked(state, next, c.at(), Set.of()), success());
    }

    /** Relationships on other tables whose remote table is {@code table}. */
    private static Map<QualifiedTable, Set<String>> dependents(MetadataState state, QualifiedTable table) {
        Map<QualifiedTable, Set<String>> out = new LinkedHashMap<>();
        for (TrackedTable other : state.metadata().tables()) {
            if (other.table().equals(table)) {
                continue;
            }
            Set<String> names = other.relationships().stream()
                    .filter(r -> remoteOf(other.table(), r, state.catalog()).filter(table::equals).isPresent())
                    .map(RelationshipDef::name)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            if (!names.isEmpty()) {
                out.put(other.table(), names);
            }
        }
        return out;
    }

    /** The table a relationship points at; for the column form it is read from the foreign key. */
    private static Optional<QualifiedTable> remoteOf(QualifiedTable self, RelationshipDef def, PgCatalog catalog) {
        if (def.using() instanceof RelationshipUsing.ForeignKeyOnRemote fk) {
            return Optional.of(fk.table());
        }
        if (def.using() instanceof RelationshipUsing.Manual manual) {
            return Optional.of(manual.remoteTable());
        }
        List<String> columns = ((RelationshipUsing.ForeignKeyOnColumns) def.using()).columns();
        return catalog.table(self).flatMap(t -> t.foreignKeys().stream()
                .filter(k -> k.columns().keySet().equals(Set.copyOf(columns)))
                .map(k -> k.refTable())
                .findFirst());
    }

    private static Outcome createRelationship(MetadataState state, ChildCommand.CreateRelationship c) {
        TrackedTable table = requireTracked(state, c.table(), c.at());
        String name = c.relationship().name();
        boolean isColumn = state.catalog().table(c.table()).flatMap(t -> t.column(name)).isPresent();
        if (table.relationship(name).isPresent() || isColumn) {
            throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                    MetadataResolver.columnOrRelationshipExists(name, c.table()), c.at());
        }
        ChildMetadata next = state.metadata().withTable(table.withRelationship(c.relationship()));
        String own = MetadataResolver.relationshipObjectName(c.table(), c.relationship());
        return new Outcome(checked(state, next, c.at(), Set.of(own)), success());
    }

    private static Outcome dropRelationship(MetadataState state, ChildCommand.DropRelationship c) {
        TrackedTable table = requireTracked(state, c.table(), c.at());
        if (table.relationship(c.name()).isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_EXISTS, "relationship \"" + c.name()
                    + "\" does not exist in table \"" + c.table().displayName() + "\"", c.at().key("relationship"));
        }
        ChildMetadata next = state.metadata().withTable(table.withoutRelationships(Set.of(c.name())));
        return new Outcome(checked(state, next, c.at(), Set.of()), success());
    }

    private static Outcome replaceMetadata(MetadataState state, ChildCommand.ReplaceMetadata c) {
        Resolution resolution = MetadataResolver.resolve(c.metadata(), state.catalog());
        if (!c.allowInconsistent() && !resolution.inconsistencies().isEmpty()) {
            throw new JoineryException(ErrorCode.UNEXPECTED, "cannot continue due to inconsistent metadata", c.at(),
                    list(resolution.inconsistencies()));
        }
        MetadataState next = state.with(c.metadata(), resolution);
        return new Outcome(next, c.v2() ? inconsistency(resolution) : success());
    }

    static TrackedTable requireTracked(MetadataState state, QualifiedTable table, ErrorPath at) {
        return state.metadata().table(table).orElseThrow(() -> new JoineryException(ErrorCode.NOT_EXISTS,
                "table \"" + table.displayName() + "\" is not tracked", at.key("table")));
    }

    /** The state with {@code next} metadata, unless that makes something newly inconsistent. */
    static MetadataState checked(MetadataState state, ChildMetadata next, ErrorPath at, Set<String> ownObjects) {
        Resolution resolution = MetadataResolver.resolve(next, state.catalog());
        List<InconsistentObject> fresh = resolution.newSince(state.resolution());
        if (fresh.isEmpty()) {
            return state.with(next, resolution);
        }
        if (fresh.stream().allMatch(o -> ownObjects.contains(o.name()))) {
            throw new JoineryException(ErrorCode.INVALID_CONFIGURATION, InconsistentObject.REASON_PREFIX
                    + fresh.stream().map(InconsistentObject::reasonText).collect(Collectors.joining(", ")),
                    at, list(fresh));
        }
        throw new JoineryException(ErrorCode.UNEXPECTED, "cannot continue due to new inconsistent metadata", at,
                list(fresh));
    }

    static ArrayNode list(List<InconsistentObject> objects) {
        ArrayNode array = Json.array();
        objects.forEach(o -> array.add(o.toJson()));
        return array;
    }

    static ObjectNode success() {
        ObjectNode response = Json.object();
        response.put("message", "success");
        return response;
    }
}
