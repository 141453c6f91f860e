package io.joinery.gateway.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.CommandApplier;
import io.joinery.core.metadata.InconsistencyReport;
import io.joinery.core.metadata.InconsistentObject;
import io.joinery.gateway.metadata.GatewayCommand;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import io.joinery.gateway.metadata.RemoteSchemaPermissionDef;
import io.joinery.gateway.schema.RemotePermissionResolver;
import io.joinery.gateway.schema.RemoteSchema;
import io.joinery.gateway.schema.RemoteLoad;
import io.joinery.gateway.schema.RemoteLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's commands applied to a {@link GatewaySnapshot} (SPEC §1, §4.1, §5.1). Adding or
 * updating a remote introspects it now and refuses it if it cannot be served; every change
 * rebuilds the merged schema ({@link SnapshotBuilder}) and refuses what would newly break other
 * objects. Applying never changes the snapshot it is given.
 */
final class GatewayCommandApplier implements CommandApplier<GatewaySnapshot, GatewayCommand> {
    private final RemoteLoader loader;
    private final boolean rolePermissions;

    /** {@code rolePermissions}: `JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS` (SPEC §10.4). */
    GatewayCommandApplier(RemoteLoader loader, boolean rolePermissions) {
        this.loader = loader;
        this.rolePermissions = rolePermissions;
    }

    @Override
    public Mono<Applied<GatewaySnapshot>> apply(GatewaySnapshot s, GatewayCommand command) {
        if (command instanceof GatewayCommand.AddRemoteSchema add) {
            if (s.metadata().remoteSchema(add.def().name()).isPresent()) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                        "remote schema with name \"" + add.def().name() + "\" already exists", add.at());
            }
            return introduce(s, add.def(), add.at(), false);
        }
        if (command instanceof GatewayCommand.UpdateRemoteSchema update) {
            if (s.metadata().remoteSchema(update.def().name()).isEmpty()) {
                throw new JoineryException(ErrorCode.NOT_EXISTS,
                        "remote schema with name \"" + update.def().name() + "\" doesn't exist", update.at());
            }
            return introduce(s, update.def(), update.at(), true);
        }
        if (command instanceof GatewayCommand.RemoveRemoteSchema remove) {
            return Mono.just(removeRemote(s, remove));
        }
        if (command instanceof GatewayCommand.CreateRemoteRelationship create) {
            RemoteRelationshipDef def = create.def();
            requireRemote(s, def.remoteSchema(), create.at());
            if (s.metadata().relationship(def.remoteSchema(), def.typeName(), def.name()).isPresent()) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS, "remote relationship with name \"" + def.name()
                        + "\" already exists on type \"" + def.typeName() + "\" of remote schema \""
                        + def.remoteSchema() + "\"", create.at());
            }
            return Mono.just(withRelationship(s, def, create.at()));
        }
        if (command instanceof GatewayCommand.UpdateRemoteRelationship update) {
            RemoteRelationshipDef def = update.def();
            requireRelationship(s, def.remoteSchema(), def.typeName(), def.name(), update.at());
            return Mono.just(withRelationship(s, def, update.at()));
        }
        if (command instanceof GatewayCommand.DeleteRemoteRelationship delete) {
            requireRelationship(s, delete.remoteSchema(), delete.typeName(), delete.name(), delete.at());
            GatewayMetadata metadata = s.metadata().withoutRelationship(delete.remoteSchema(), delete.typeName(),
                    delete.name());
            return Mono.just(Applied.success(rebuild(s, metadata, s.loads(), s.unsupported())));
        }
        if (command instanceof GatewayCommand.ReloadRemoteSchema reload) {
            return reloadRemote(s, reload);
        }
        if (command instanceof GatewayCommand.AddRemoteSchemaPermissions add) {
            return Mono.just(addPermission(s, add));
        }
        if (command instanceof GatewayCommand.DropRemoteSchemaPermissions drop) {
            if (s.metadata().remoteSchema(drop.remoteSchema()).isEmpty()) {
                throw new JoineryException(ErrorCode.NOT_EXISTS,
                        "remote schema \"" + drop.remoteSchema() + "\" doesn't exist", drop.at());
            }
            if (s.metadata().permission(drop.remoteSchema(), drop.role()).isEmpty()) {
                throw new JoineryException(ErrorCode.NOT_EXISTS, "permissions for role: \"" + drop.role()
                        + "\" for remote schema:\"" + drop.remoteSchema() + "\" doesn't exist", drop.at());
            }
            return Mono.just(Applied.success(rebuild(s, s.metadata().withoutPermission(drop.remoteSchema(),
                    drop.role()), s.loads(), s.unsupported())));
        }
        if (command instanceof GatewayCommand.ReloadMetadata reload) {
            List<String> names = reload.remoteSchemas() == null
                    ? s.metadata().remoteSchemas().stream().map(RemoteSchemaDef::name).toList()
                    : reload.remoteSchemas().stream().filter(n -> s.metadata().remoteSchema(n).isPresent()).toList();
            return reload(s, names).map(next ->
                    new Applied<>(next, InconsistencyReport.afterReload(next.inconsistencies())));
        }
        if (command instanceof GatewayCommand.SetApiLimits set) {
            GatewayMetadata metadata = s.metadata().withPolicy(s.metadata().policy().withLimits(set.limits()));
            return Mono.just(Applied.success(rebuild(s, metadata, s.loads(), s.unsupported())));
        }
        if (command instanceof GatewayCommand.SetIntrospectionOptions set) {
            GatewayMetadata metadata = s.metadata().withPolicy(s.metadata().policy().withIntrospection(set.options()));
            return Mono.just(Applied.success(rebuild(s, metadata, s.loads(), s.unsupported())));
        }
        if (command instanceof GatewayCommand.ReplaceMetadata replace) {
            return replace(s, replace);
        }
        if (command instanceof GatewayCommand.ClearMetadata) {
            return Mono.just(Applied.success(rebuild(s, GatewayMetadata.EMPTY, Map.of(), Map.of())));
        }
        if (command instanceof GatewayCommand.DropInconsistentMetadata) {
            return Mono.just(Applied.success(withoutInconsistent(s)));
        }
        if (command instanceof GatewayCommand.ExportMetadata export) {
            return Mono.just(new Applied<>(s, export(s, export.version2())));
        }
        return Mono.just(new Applied<>(s, InconsistencyReport.of(s.inconsistencies())));
    }

    /**
     * Introspects the remotes {@code names} again and rebuilds: reloads, and the background retry of
     * unreachable remotes.
     */
    Mono<GatewaySnapshot> reload(GatewaySnapshot s, List<String> names) {
        return Flux.fromIterable(names)
                .flatMap(name -> loader.load(s.metadata().remoteSchema(name).orElseThrow()), 16)
                .collectList()
                .map(list -> {
                    Map<String, RemoteLoad> loads = new LinkedHashMap<>(s.loads());
                    list.forEach(l -> loads.put(l.def().name(), l));
                    return rebuild(s, s.metadata(), loads, s.unsupported());
                });
    }

    /**
     * The snapshot of {@code metadata} stored by another replica at {@code resourceVersion}: remotes
     * declared as {@code s} declares them keep their load, the others are introspected now.
     */
    Mono<GatewaySnapshot> adopt(GatewaySnapshot s, GatewayMetadata metadata, long resourceVersion) {
        return Flux.fromIterable(metadata.remoteSchemas())
                .flatMap(def -> s.metadata().remoteSchema(def.name()).filter(def::equals)
                        .map(same -> Mono.just(s.loads().get(def.name()))).orElseGet(() -> loader.load(def)), 16)
                .collectList()
                .map(list -> {
                    Map<String, RemoteLoad> loads = new LinkedHashMap<>();
                    list.forEach(l -> loads.put(l.def().name(), l));
                    return SnapshotBuilder.build(s.version(), resourceVersion, metadata, loads,
                            s.supergraph().remotes().keySet(), Map.of(), rolePermissions);
                });
    }

    private static JsonNode export(GatewaySnapshot s, boolean version2) {
        if (!version2) {
            return s.metadata().toJson();
        }
        ObjectNode out = Json.object();
        out.put("resource_version", s.resourceVersion());
        out.set("metadata", s.metadata().toJson());
        return out;
    }

    /**
     * `add_remote_schema_permissions` (SPEC §10.4, Hasura's checks in Hasura's order): permissions
     * enabled, the remote served, no permission yet for the role, not admin, the SDL a subset of
     * the remote's schema ({@link RemotePermissionResolver}).
     */
    private Applied<GatewaySnapshot> addPermission(GatewaySnapshot s, GatewayCommand.AddRemoteSchemaPermissions add) {
        RemoteSchemaPermissionDef def = add.def();
        if (!rolePermissions) {
            throw new JoineryException(ErrorCode.CONSTRAINT_VIOLATION, "remote schema permissions can only be added"
                    + " when remote schema permissions are enabled in the gateway"
                    + " (JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS=true)", add.at());
        }
        RemoteSchema full = s.supergraph().remotes().get(def.remoteSchema());
        if (full == null) {
            throw new JoineryException(ErrorCode.NOT_EXISTS,
                    "remote schema \"" + def.remoteSchema() + "\" doesn't exist", add.at());
        }
        if (s.metadata().permission(def.remoteSchema(), def.role()).isPresent()) {
            throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                    RemoteSchemaPermissionDef.duplicateMessage(def.remoteSchema(), def.role()), add.at());
        }
        if (SessionVariables.ADMIN.equals(def.role())) {
            throw new JoineryException(ErrorCode.CONSTRAINT_VIOLATION, SnapshotBuilder.ADMIN_PERMISSION, add.at());
        }
        try {
            RemotePermissionResolver.resolve(full, def);
        } catch (JoineryException e) {
            throw e.under(add.at());
        }
        return Applied.success(rebuild(s, s.metadata().withPermission(def), s.loads(), s.unsupported()));
    }

    private Applied<GatewaySnapshot> removeRemote(GatewaySnapshot s, GatewayCommand.RemoveRemoteSchema remove) {
        if (s.metadata().remoteSchema(remove.name()).isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_EXISTS, "no such remote schema", remove.at());
        }
        List<RemoteRelationshipDef> dependents = s.metadata().relationshipsTargeting(remove.name());
        if (!dependents.isEmpty()) {
            throw new JoineryException(ErrorCode.DEPENDENCY_ERROR, "cannot drop due to the following dependent objects: "
                    + String.join(", ", dependents.stream().map(RemoteRelationshipDef::objectName).toList()),
                    remove.at());
        }
        Map<String, RemoteLoad> loads = new LinkedHashMap<>(s.loads());
        loads.remove(remove.name());
        return Applied.success(rebuild(s, s.metadata().withoutRemoteSchema(remove.name()), loads, s.unsupported()));
    }

    /** `reload_remote_schema`: refused if the remote, or anything it newly breaks, is inconsistent afterwards. */
    private Mono<Applied<GatewaySnapshot>> reloadRemote(GatewaySnapshot s, GatewayCommand.ReloadRemoteSchema reload) {
        if (s.metadata().remoteSchema(reload.name()).isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_EXISTS,
                    "remote schema with name \"" + reload.name() + "\" does not exist", reload.at());
        }
        return reload(s, List.of(reload.name())).map(next -> {
            List<InconsistentObject> fresh = InconsistentObject.newSince(next.inconsistencies(), s.inconsistencies());
            List<InconsistentObject> broken = next.inconsistencies().stream()
                    .filter(o -> SnapshotBuilder.remoteOf(o).filter(reload.name()::equals).isPresent()
                            || fresh.contains(o))
                    .toList();
            if (!broken.isEmpty()) {
                throw InconsistencyReport.newlyFound(broken, reload.at());
            }
            return Applied.success(next);
        });
    }

    private GatewaySnapshot withoutInconsistent(GatewaySnapshot s) {
        GatewayMetadata metadata = s.metadata();
        Map<String, RemoteLoad> loads = new LinkedHashMap<>(s.loads());
        for (InconsistentObject object : s.inconsistencies()) {
            String remote = SnapshotBuilder.remoteOf(object).orElse(null);
            if (remote != null) {
                metadata = metadata.withoutRemoteSchema(remote);
                loads.remove(remote);
            }
            if (SnapshotBuilder.PERMISSION.equals(object.type())) {
                for (RemoteSchemaPermissionDef permission : metadata.permissions()) {
                    if (permission.objectName().equals(object.name())) {
                        metadata = metadata.withoutPermission(permission.remoteSchema(), permission.role());
                        break;
                    }
                }
            }
            if (SnapshotBuilder.RELATIONSHIP.equals(object.type())) {
                for (RemoteRelationshipDef rel : metadata.relationships()) {
                    if (rel.objectName().equals(object.name())) {
                        metadata = metadata.withoutRelationship(rel.remoteSchema(), rel.typeName(), rel.name());
                        break;
                    }
                }
            }
        }
        return rebuild(s, metadata, loads, Map.of());
    }

    private static void requireRemote(GatewaySnapshot s, String remote, ErrorPath at) {
        if (s.metadata().remoteSchema(remote).isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_EXISTS,
                    "remote schema with name \"" + remote + "\" does not exist", at);
        }
    }

    private static void requireRelationship(GatewaySnapshot s, String remote, String type, String name, ErrorPath at) {
        if (s.metadata().relationship(remote, type, name).isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_EXISTS, "no relationship defined on remote schema \"" + remote
                    + "\" with name \"" + name + "\"", at);
        }
    }

    /** Create or update a relationship: it must validate (SPEC §5.1), else nothing changes. */
    private Applied<GatewaySnapshot> withRelationship(GatewaySnapshot s, RemoteRelationshipDef def,
                                                             ErrorPath at) {
        GatewaySnapshot next = rebuild(s, s.metadata().withRelationship(def), s.loads(), s.unsupported());
        List<InconsistentObject> own = next.inconsistencies().stream()
                .filter(o -> o.name().equals(def.objectName())).toList();
        if (!own.isEmpty()) {
            throw InconsistencyReport.ownObjectsFailed(own, at);
        }
        return Applied.success(next);
    }

    /**
     * Add or update: introspect the new definition now; refuse if it cannot be served. An update
     * keeps the remote's relationships; ones that no longer validate become inconsistent (SPEC §0.5).
     */
    private Mono<Applied<GatewaySnapshot>> introduce(GatewaySnapshot s, RemoteSchemaDef def, ErrorPath at,
                                                     boolean update) {
        return loader.load(def).map(load -> {
            if (!load.isLoaded()) {
                JoineryException failure = load.failure();
                throw new JoineryException(failure.code(), failure.getMessage(), at, failure.internal());
            }
            Map<String, RemoteLoad> loads = new LinkedHashMap<>(s.loads());
            loads.put(def.name(), load);
            GatewaySnapshot next = rebuild(s, s.metadata().withRemoteSchema(def), loads, s.unsupported());
            refuseNewInconsistencies(s, next, def.name(), at, update);
            return Applied.success(next);
        });
    }

    private Mono<Applied<GatewaySnapshot>> replace(GatewaySnapshot s, GatewayCommand.ReplaceMetadata replace) {
        return Flux.fromIterable(replace.metadata().remoteSchemas())
                .flatMapSequential(def -> {
                    RemoteLoad previous = s.loads().get(def.name());
                    return previous != null && previous.isLoaded() && previous.def().equals(def)
                            ? Mono.just(previous) : loader.load(def);
                }, 16)
                .collectList()
                .map(list -> {
                    Map<String, RemoteLoad> loads = new LinkedHashMap<>();
                    list.forEach(l -> loads.put(l.def().name(), l));
                    GatewaySnapshot next = rebuild(s, replace.metadata(), loads, replace.unsupported());
                    if (!next.isConsistent() && !replace.allowInconsistent()) {
                        throw InconsistencyReport.replacementInconsistent(next.inconsistencies(), replace.at());
                    }
                    return replace.version2() ? new Applied<>(next, InconsistencyReport.of(next.inconsistencies()))
                            : Applied.success(next);
                });
    }

    private GatewaySnapshot rebuild(GatewaySnapshot s, GatewayMetadata metadata, Map<String, RemoteLoad> loads,
                                    Map<String, JsonNode> unsupported) {
        return SnapshotBuilder.build(s.version(), s.resourceVersion(), metadata, loads,
                s.supergraph().remotes().keySet(), unsupported, rolePermissions);
    }

    /**
     * The remote {@code target}'s own objects must resolve (`invalid-configuration`); other objects
     * must not newly break (`unexpected`), except relationships on an update, which are kept as
     * inconsistent (SPEC §0.5).
     */
    private static void refuseNewInconsistencies(GatewaySnapshot before, GatewaySnapshot after, String target,
                                                 ErrorPath at, boolean relationshipsMayBreak) {
        List<InconsistentObject> own = after.inconsistencies().stream()
                .filter(o -> SnapshotBuilder.remoteOf(o).filter(target::equals).isPresent()).toList();
        if (!own.isEmpty()) {
            throw InconsistencyReport.ownObjectsFailed(own, at);
        }
        List<InconsistentObject> others = new ArrayList<>();
        List<InconsistentObject> fresh = InconsistentObject.newSince(after.inconsistencies(), before.inconsistencies());
        for (InconsistentObject object : fresh) {
            boolean tolerated = relationshipsMayBreak && (SnapshotBuilder.RELATIONSHIP.equals(object.type())
                    || SnapshotBuilder.PERMISSION.equals(object.type()));
            if (!tolerated) {
                others.add(object);
            }
        }
        if (!others.isEmpty()) {
            throw InconsistencyReport.othersBroke(others, at);
        }
    }
}
