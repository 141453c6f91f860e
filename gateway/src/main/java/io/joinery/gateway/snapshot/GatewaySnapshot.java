package io.joinery.gateway.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.metadata.InconsistentObject;
import io.joinery.core.metadata.MetadataSnapshot;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import io.joinery.gateway.schema.RemoteLoad;
import io.joinery.gateway.schema.RoleSupergraphs;
import io.joinery.gateway.schema.Supergraph;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway serves from, swapped atomically on every change: the declared metadata,
 * each remote's load, the merged schema, and what is inconsistent. {@code version} is unique per
 * swapped snapshot (plan cache key); {@code resourceVersion} counts metadata changes (SPEC §1.1).
 * {@code supergraph} is the merged schema (admin's); {@code roles} what each role is served (SPEC §10.4).
 */
public record GatewaySnapshot(long version, long resourceVersion, GatewayMetadata metadata,
                              Map<String, RemoteLoad> loads, Supergraph supergraph,
                              List<InconsistentObject> inconsistencies, Map<String, JsonNode> unsupported,
                              RoleSupergraphs roles)
        implements MetadataSnapshot<GatewaySnapshot> {
    public GatewaySnapshot {
        loads = Collections.unmodifiableMap(new LinkedHashMap<>(loads));
        inconsistencies = List.copyOf(inconsistencies);
        unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
    }

    /** The schema a request of {@code role} is served (SPEC §10.4). */
    public Supergraph supergraphFor(String role) {
        return roles.forRole(role);
    }

    /** The remotes that could not be loaded (unreachable, a bad answer), in metadata order: retried later. */
    public List<String> failedRemotes() {
        return metadata.remoteSchemas().stream().map(RemoteSchemaDef::name)
                .filter(name -> !loads.get(name).isLoaded()).toList();
    }

    public boolean hasRetryableRemotes() {
        return !failedRemotes().isEmpty();
    }

    @Override
    public GatewaySnapshot withVersions(long nextVersion, long nextResourceVersion) {
        return new GatewaySnapshot(nextVersion, nextResourceVersion, metadata, loads, supergraph, inconsistencies,
                unsupported, roles);
    }
}
