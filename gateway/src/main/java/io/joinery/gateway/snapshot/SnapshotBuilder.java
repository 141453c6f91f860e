package io.joinery.gateway.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.InconsistentObject;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.metadata.RemoteSchemaDef;
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

    private SnapshotBuilder() {}

    /** The remote an inconsistent object is, when it is a remote schema. */
    static Optional<String> remoteOf(InconsistentObject object) {
        return REMOTE_SCHEMA.equals(object.type())
                ? Optional.of(object.name().substring(REMOTE_SCHEMA.length() + 1)) : Optional.empty();
    }

    /** The snapshot of {@code metadata}; its version numbers are stamped when the engine swaps it in. */
    static GatewaySnapshot build(long version, long resourceVersion, GatewayMetadata metadata,
                                 Map<String, RemoteLoad> loads, Set<String> servedBefore,
                                 Map<String, JsonNode> unsupported) {
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
        unsupported.forEach((key, value) -> inconsistent.add(InconsistentObject.of("not_supported", key, value,
                "the gateway does not support the metadata key \"" + key + "\"")));
        return new GatewaySnapshot(version, resourceVersion, metadata, kept, result.supergraph(), inconsistent,
                unsupported);
    }
}
