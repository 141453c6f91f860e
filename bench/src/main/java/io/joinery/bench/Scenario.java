package io.joinery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One benchmark scenario: a GraphQL query POSTed to one tier, and a check of its answer (run once
 * before the load, so a scenario that answers errors or the wrong rows is never timed).
 */
record Scenario(String name, Tier tier, String description, String query, Map<String, String> headers,
                Function<JsonNode, Optional<String>> check) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Scenario {
        headers = Map.copyOf(headers);
    }

    /** A scenario sent with no header but `Content-Type` (as admin: the benchmark's servers have no secret). */
    Scenario(String name, Tier tier, String description, String query, Function<JsonNode, Optional<String>> check) {
        this(name, tier, description, query, Map.of(), check);
    }

    /** Which server the scenario measures. */
    enum Tier { GATEWAY, CHILD }

    /** The request body, `{"query": ...}`. */
    String body() {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        return body.toString();
    }

    /** What is wrong with a response, if anything: GraphQL errors, or what {@link #check} finds. */
    Optional<String> problem(JsonNode response) {
        if (response.has("errors")) {
            return Optional.of("errors: " + response.get("errors"));
        }
        if (!response.path("data").isObject()) {
            return Optional.of("no data: " + response);
        }
        return check.apply(response.get("data"));
    }
}
