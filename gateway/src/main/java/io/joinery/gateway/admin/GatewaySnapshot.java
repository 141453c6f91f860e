package io.joinery.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.schema.Supergraph;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway serves from, swapped atomically on every change: the declared metadata,
 * each remote's load, the merged schema, and what is inconsistent. {@code version} is unique per
 * snapshot (plan cache key); {@code resourceVersion} counts metadata changes (SPEC §1.1).
 */
public record GatewaySnapshot(long version, long resourceVersion, GatewayMetadata metadata,
                              Map<String, RemoteLoad> loads, Supergraph supergraph,
                              List<InconsistentObject> inconsistencies, Map<String, JsonNode> unsupported) {
    public GatewaySnapshot {
        loads = Collections.unmodifiableMap(new LinkedHashMap<>(loads));
        inconsistencies = List.copyOf(inconsistencies);
        unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
    }

    public boolean isConsistent() {
        return inconsistencies.isEmpty();
    }

    public boolean hasRetryableRemotes() {
        return inconsistencies.stream().anyMatch(InconsistentObject::retryable);
    }

    /** `{"is_consistent": …, "inconsistent_objects": [...]}` (SPEC §1.7). */
    public ObjectNode inconsistencyReport() {
        ObjectNode out = Json.object();
        out.put("is_consistent", isConsistent());
        out.set("inconsistent_objects", toJson(inconsistencies));
        return out;
    }

    public static ArrayNode toJson(Collection<InconsistentObject> objects) {
        ArrayNode list = Json.array();
        objects.forEach(o -> list.add(o.toJson()));
        return list;
    }
}
