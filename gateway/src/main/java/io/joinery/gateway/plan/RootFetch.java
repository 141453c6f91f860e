package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.List;

/**
 * One upstream request of a plan: the GraphQL document sent to {@code remote} (original names,
 * fragments inlined, aliases equal to the client's response keys) and the client variables it
 * forwards. Per-request values (variable values, session headers) are added by the executor.
 */
public record RootFetch(String remote, String document, String operationName, List<String> variables) {
    public RootFetch {
        variables = List.copyOf(variables);
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("remote", remote);
        out.put("query", document);
        if (operationName != null) {
            out.put("operationName", operationName);
        }
        variables.forEach(out.putArray("variables")::add);
        return out;
    }
}
