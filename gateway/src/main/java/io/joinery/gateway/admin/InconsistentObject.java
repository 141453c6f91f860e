package io.joinery.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;

/**
 * A metadata object that is kept but not served (SPEC §1.7). {@code retryable}: it failed to load
 * (unreachable, bad answer), so the background retrier tries it again; a clash is not retried.
 */
public record InconsistentObject(String type, String name, JsonNode definition, String reason, String remote,
                                 boolean retryable) {

    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("type", type);
        out.put("name", name);
        out.set("definition", definition);
        out.put("reason", reason.startsWith("Inconsistent object: ") ? reason : "Inconsistent object: " + reason);
        return out;
    }
}
