package io.joinery.gateway.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.metadata.InconsistentObject;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import io.joinery.gateway.metadata.RemoteSchemaPermissionDef;
import io.joinery.gateway.schema.RemotePermissionResolver;
import io.joinery.gateway.schema.RoleSupergraphs;
import io.joinery.gateway.schema.RemoteLoad;
import io.joinery.gateway.schema.RemoteSchema;
import io.joinery.gateway.schema.SupergraphBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link GatewaySnapshot} from metadata and remote loads (pure). Remotes that were served
 * before are merged first, so a new remote that clashes is the one left out, never an old one.
 */
final class SnapshotBuilder {
    /** The inconsistent-object type of a remote schema relationship. */
    static final String RELATIONSHIP = "remote_schema_remote_relationship";
    /** The inconsistent-object type of a remote schema; its name is `remote_schema <name>`. */
    static final String REMOTE_SCHEMA = "remote_schema";
    /** The inconsistent-object type of a remote schema permission (SPEC §10.4). */
    static final String PERMISSION = "remote_schema_permission";

    private SnapshotBuilder() {}

    /** The remote an inconsistent object is, when it is a remote schema. */
    static Optional<String> remoteOf(InconsistentObject object) {
        return REMOTE_SCHEMA.equals(object.type())
                ? Optional.of(object.name().substring(REMOTE_SCHEMA.length() + 1)) : Optional.empty();
    }

    /**
     * The snapshot of {@code metadata}; its version numbers are stamped when the engine swaps it in.
     * {@code rolePermissions}: `JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS` (off, permissions are
     * only kept: not checked, and every role is served the merged schema).
     */
    static GatewaySnapshot build(long version, long resourceVersion, GatewayMetadata metadata,
                                 Map<String, RemoteLoad> loads, Set<String> servedBefore,
                                 Map<String, JsonNode> unsupported, boolean rolePermissions) {
        Map<String, RemoteLoad> kept = new LinkedHashMap<>();
        List<InconsistentObject> inconsistent = new ArrayList<>();
        Set<String> order = new LinkedHashSet<>();
        for (RemoteSchemaDef def : metadata.remoteSchemas()) {
            if (servedBefore.contains(def.name())) {
                order.add(def.name());
            }
        }
        metadata.remoteSchemas().forEach(def -> order.add(def.name()));
        List<RemoteSchema> candidates = new ArrayList<>();
        for (String name : order) {
            RemoteLoad load = loads.get(name);
            kept.put(name, load);
            if (load.isLoaded()) {
                candidates.add(load.schema());
            }
        }
        Set<String> declared = new LinkedHashSet<>(order);
        SupergraphBuilder.Result result = SupergraphBuilder.build(candidates, metadata.relationships(), declared);
        for (RemoteSchemaDef def : metadata.remoteSchemas()) {
            RemoteLoad load = kept.get(def.name());
            JoineryException failure = load.isLoaded() ? result.rejected().get(def.name()) : load.failure();
            if (failure != null) {
                inconsistent.add(InconsistentObject.of(REMOTE_SCHEMA, REMOTE_SCHEMA + " " + def.name(),
                        def.toJson(), failure.getMessage()));
            }
        }
        result.rejectedRelationships().forEach((def, failure) -> inconsistent.add(InconsistentObject.of(
                RELATIONSHIP, def.objectName(), def.toJson(), failure.getMessage())));
        Map<String, Map<String, RemoteSchema>> views = new LinkedHashMap<>();
        // off, permissions are kept as declared but not checked, as Hasura does
        for (RemoteSchemaPermissionDef permission : rolePermissions ? metadata.permissions()
                : List.<RemoteSchemaPermissionDef>of()) {
            RemoteSchema full = result.supergraph().remotes().get(permission.remoteSchema());
            if (full == null) {
                continue; // the remote itself is inconsistent: so is everything on it, already reported
            }
            try {
                if (SessionVariables.ADMIN.equals(permission.role())) {
                    throw new JoineryException(ErrorCode.CONSTRAINT_VIOLATION, ADMIN_PERMISSION, ErrorPath.args());
                }
                views.computeIfAbsent(permission.role(), r -> new LinkedHashMap<>())
                        .put(permission.remoteSchema(), RemotePermissionResolver.resolve(full, permission));
            } catch (JoineryException e) {
                inconsistent.add(InconsistentObject.of(PERMISSION, permission.objectName(), permission.commandJson(),
                        e.getMessage()));
            }
        }
        unsupported.forEach((key, value) -> inconsistent.add(InconsistentObject.of("not_supported", key, value,
                "the gateway does not support the metadata key \"" + key + "\"")));
        RoleSupergraphs roles = rolePermissions
                ? RoleSupergraphs.of(result.supergraph(), views, metadata.relationships(), declared)
                : RoleSupergraphs.disabled(result.supergraph());
        return new GatewaySnapshot(version, resourceVersion, metadata, kept, result.supergraph(), inconsistent,
                unsupported, roles);
    }

    /** Hasura's refusal of a permission for the admin role. */
    static final String ADMIN_PERMISSION = "cannot define permission for admin role";
}
