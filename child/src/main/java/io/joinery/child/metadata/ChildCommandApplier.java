package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.db.PgCatalog;
import io.joinery.child.db.PgCatalogReader;
import io.joinery.child.db.PgErrors;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.CommandApplier;
import io.joinery.core.metadata.InconsistencyReport;
import io.joinery.core.metadata.InconsistentObject;
import io.joinery.core.metadata.MetadataCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * The child's commands applied to a {@link ChildSnapshot} (pure; throws {@link JoineryException}).
 *
 * <p>A queued request starts from the snapshot's metadata resolved against the catalog as the
 * database has it now ({@link #begin}). A mutating command builds the next metadata, resolves it
 * against the same catalog and compares: an object that was consistent (or absent) before and is
 * inconsistent now fails the command, with `invalid-configuration` "Inconsistent object: ..."
 * when it is the command's own object and `unexpected` "cannot continue due to new inconsistent
 * metadata" when it is another one (SPEC §1.1). `replace_metadata` refuses any inconsistency
 * unless `allow_inconsistent_metadata`; `reload_metadata` never refuses. `bulk` is the engine's.
 */
public final class ChildCommandApplier implements CommandApplier<ChildSnapshot, ChildCommand> {
    private final PgCatalogReader catalog;
    private final MetadataResolver resolver;

    /** @param catalog reads the Postgres catalog as it is now */
    public ChildCommandApplier(PgCatalogReader catalog, MetadataResolver resolver) {
        this.catalog = catalog;
        this.resolver = resolver;
    }

    @Override
    public Mono<ChildSnapshot> begin(ChildSnapshot current, MetadataCommand.Effect effect) {
        return readCatalog(catalog).map(now -> resolver.snapshot(current.metadata(), now, current.resourceVersion()));
    }

    /** The catalog; a database failure becomes `postgres-error` (the route's error shape). */
    static Mono<PgCatalog> readCatalog(PgCatalogReader catalog) {
        return catalog.read().onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()));
    }

    @Override
    public Mono<Applied<ChildSnapshot>> apply(ChildSnapshot snapshot, ChildCommand command) {
        return Mono.fromCallable(() -> applyNow(snapshot, command));
    }

    private Applied<ChildSnapshot> applyNow(ChildSnapshot state, ChildCommand command) {
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
        if (command instanceof ChildCommand.CreateRemoteRelationship
                || command instanceof ChildCommand.DeleteRemoteRelationship) {
            return RemoteRelationshipApplier.apply(state, command, resolver);
        }
        if (command instanceof ChildCommand.CreatePermission || command instanceof ChildCommand.DropPermission
                || command instanceof ChildCommand.SetPermissionComment) {
            return PermissionCommandApplier.apply(state, command, resolver);
        }
        if (command instanceof ChildCommand.AddInheritedRole || command instanceof ChildCommand.DropInheritedRole) {
            return InheritedRoleCommandApplier.apply(state, command, resolver);
        }
        if (command instanceof ChildCommand.SetCustomTypes
                || command instanceof ChildCommand.CreateAction
                || command instanceof ChildCommand.UpdateAction
                || command instanceof ChildCommand.DropAction
                || command instanceof ChildCommand.CreateActionPermission
                || command instanceof ChildCommand.DropActionPermission) {
            return ActionCommandApplier.apply(state, command, resolver);
        }
        if (command instanceof ChildCommand.ExportMetadata c) {
            return new Applied<>(state, export(state, c.withResourceVersion()));
        }
        if (command instanceof ChildCommand.ReplaceMetadata c) {
            return replaceMetadata(state, c);
        }
        if (command instanceof ChildCommand.ReloadMetadata) {
            return new Applied<>(state, InconsistencyReport.afterReload(state.inconsistencies()));
        }
        if (command instanceof ChildCommand.ClearMetadata c) {
            return Applied.success(resolver.resolveNext(state, ChildMetadata.EMPTY, c.at(), Set.of()));
        }
        if (command instanceof ChildCommand.GetInconsistentMetadata) {
            return new Applied<>(state, InconsistencyReport.of(state.inconsistencies()));
        }
        if (command instanceof ChildCommand.SetApiLimits c) {
            ChildMetadata next = state.metadata().withPolicy(state.metadata().policy().withLimits(c.limits()));
            return Applied.success(state.with(next, state.resolution()));
        }
        if (command instanceof ChildCommand.SetIntrospectionOptions c) {
            ChildMetadata next = state.metadata().withPolicy(state.metadata().policy().withIntrospection(c.options()));
            return Applied.success(state.with(next, state.resolution()));
        }
        if (command instanceof ChildCommand.DropInconsistentMetadata c) {
            return Applied.success(resolver.resolveNext(state,
                    MetadataPruner.without(state.metadata(), state.inconsistencies()), c.at(), Set.of()));
        }
        throw new IllegalStateException("unhandled command " + command);
    }

    /** `export_metadata`: the metadata object, or `{resource_version, metadata}` for `version: 2`. */
    public static JsonNode export(ChildSnapshot state, boolean withResourceVersion) {
        ObjectNode metadata = MetadataExporter.export(state.metadata());
        if (!withResourceVersion) {
            return metadata;
        }
        ObjectNode response = Json.object();
        response.put("resource_version", state.resourceVersion());
        response.set("metadata", metadata);
        return response;
    }

    private Applied<ChildSnapshot> trackTable(ChildSnapshot state, ChildCommand.TrackTable c) {
        if (state.metadata().isTracked(c.table())) {
            throw new JoineryException(ErrorCode.ALREADY_TRACKED,
                    "view/table already tracked: \"" + c.table().displayName() + "\"", c.at());
        }
        ChildMetadata next = state.metadata().withTable(TrackedTable.of(c.table()));
        return Applied.success(resolver.resolveNext(state, next, c.at(), Set.of(MetadataResolver.tableObjectName(c.table()))));
    }

    private Applied<ChildSnapshot> untrackTable(ChildSnapshot state, ChildCommand.UntrackTable c) {
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
        if (c.cascade()) {
            next = withoutBrokenPermissions(state, next);
        }
        return Applied.success(resolver.resolveNext(state, next, c.at(), Set.of()));
    }

    /** Relationships on other tables whose remote table is {@code table}. */
    private static Map<QualifiedTable, Set<String>> dependents(ChildSnapshot state, QualifiedTable table) {
        Map<QualifiedTable, Set<String>> out = new LinkedHashMap<>();
        for (TrackedTable other : state.metadata().tables()) {
            if (other.table().equals(table)) {
                continue;
            }
            Set<String> names = other.relationships().stream()
                    .filter(r -> remoteOf(other.table(), r, state.catalog()).filter(table::equals).isPresent())
                    .map(RelationshipDef::name)
                    .collect(Collectors.toCollection(TreeSet::new));
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

    private Applied<ChildSnapshot> createRelationship(ChildSnapshot state, ChildCommand.CreateRelationship c) {
        TrackedTable table = requireTracked(state, c.table(), c.at());
        String name = c.relationship().name();
        boolean isColumn = state.catalog().table(c.table()).flatMap(t -> t.column(name)).isPresent();
        if (table.relationship(name).isPresent() || isColumn) {
            throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                    MetadataResolver.columnOrRelationshipExists(name, c.table()), c.at());
        }
        ChildMetadata next = state.metadata().withTable(table.withRelationship(c.relationship()));
        String own = MetadataResolver.relationshipObjectName(c.table(), c.relationship());
        return Applied.success(resolver.resolveNext(state, next, c.at(), Set.of(own)));
    }

    private Applied<ChildSnapshot> dropRelationship(ChildSnapshot state, ChildCommand.DropRelationship c) {
        TrackedTable table = requireTracked(state, c.table(), c.at());
        if (table.relationship(c.name()).isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_EXISTS, "relationship \"" + c.name()
                    + "\" does not exist in table \"" + c.table().displayName() + "\"", c.at().key("relationship"));
        }
        ChildMetadata next = state.metadata().withTable(table.withoutRelationships(Set.of(c.name())));
        if (c.cascade()) {
            next = withoutBrokenPermissions(state, next);
        }
        return Applied.success(resolver.resolveNext(state, next, c.at(), Set.of()));
    }

    private Applied<ChildSnapshot> replaceMetadata(ChildSnapshot state, ChildCommand.ReplaceMetadata c) {
        Resolution resolution = resolver.resolve(c.metadata(), state.catalog());
        if (!c.allowInconsistent() && !resolution.inconsistencies().isEmpty()) {
            throw InconsistencyReport.replacementInconsistent(resolution.inconsistencies(), c.at());
        }
        ChildSnapshot next = state.with(c.metadata(), resolution);
        return c.v2() ? new Applied<>(next, InconsistencyReport.of(resolution.inconsistencies())) : Applied.success(next);
    }

    /**
     * {@code next} without the permissions it breaks (their filter or check used what `cascade`
     * removes: a relationship, a table of `_exists`), as Hasura drops dependent permissions.
     */
    private ChildMetadata withoutBrokenPermissions(ChildSnapshot state, ChildMetadata next) {
        List<InconsistentObject> broken = resolver.resolve(next, state.catalog()).newSince(state.resolution()).stream()
                .filter(o -> o.type().endsWith("_permission")).toList();
        return broken.isEmpty() ? next : MetadataPruner.without(next, broken);
    }

    static TrackedTable requireTracked(ChildSnapshot state, QualifiedTable table, ErrorPath at) {
        return state.metadata().table(table).orElseThrow(() -> new JoineryException(ErrorCode.NOT_EXISTS,
                "table \"" + table.displayName() + "\" is not tracked", at.key("table")));
    }
}
