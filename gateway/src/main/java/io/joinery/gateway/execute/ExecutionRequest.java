package io.joinery.gateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.http.SessionVariables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-request values a plan is executed with: the client's variables, its session, its
 * headers (forwarded to remotes that ask for them) and the locally answered introspection fields.
 */
public record ExecutionRequest(ObjectNode variables, SessionVariables session,
                               List<Map.Entry<String, String>> clientHeaders, Map<String, JsonNode> introspection) {
    public ExecutionRequest {
        clientHeaders = List.copyOf(clientHeaders);
        introspection = Collections.unmodifiableMap(new LinkedHashMap<>(introspection));
    }
}
