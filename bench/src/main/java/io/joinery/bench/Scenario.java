package io.joinery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One benchmark scenario: a GraphQL query POSTed to one tier, and a check of its answer (run once
 * before the load, so a scenario that answers errors or the wrong rows is never timed). An
 * {@code observabilityOff} scenario is sent to a second gateway started with metrics and trace
 * propagation off ({@link #withObservabilityOff}); it is measured together with its twin. A scenario
 * with a {@code baseline} (the same query as another role, {@link #against}) is measured together
 * with that one.
 */
record Scenario(String name, Tier tier, String description, String query, Map<String, String> headers,
                Function<JsonNode, Optional<String>> check, boolean observabilityOff, String baseline) {
    /** What the name of a scenario's observability-off twin adds to its name. */
    static final String OBSERVABILITY_OFF = "-observability-off";
    private static final ObjectMapper JSON = new ObjectMapper();

    Scenario {
        headers = Map.copyOf(headers);
        if (observabilityOff && tier != Tier.GATEWAY) {
            throw new IllegalArgumentException(name + ": only the gateway is benchmarked with observability off");
        }
    }

    /** A scenario of the servers as they are configured by default (metrics on, propagation only). */
    Scenario(String name, Tier tier, String description, String query, Map<String, String> headers,
             Function<JsonNode, Optional<String>> check) {
        this(name, tier, description, query, headers, check, false, null);
    }

    /** A scenario sent with no header but `Content-Type` (as admin: the benchmark's servers have no secret). */
    Scenario(String name, Tier tier, String description, String query, Function<JsonNode, Optional<String>> check) {
        this(name, tier, description, query, Map.of(), check);
    }

    /** The same query sent to the gateway whose metrics and trace propagation are off (issue 18). */
    Scenario withObservabilityOff() {
        return new Scenario(name + OBSERVABILITY_OFF, tier, description + "; metrics and trace propagation off",
                query, headers, check, true, null);
    }

    /** This scenario, measured in alternating rounds with {@code baselineName} and compared with it. */
    Scenario against(String baselineName) {
        return new Scenario(name, tier, description, query, headers, check, observabilityOff, baselineName);
    }

    /**
     * The scenario this one is measured after, in alternating rounds, when both run: the twin with
     * observability on of an observability-off scenario, or the baseline.
     */
    Optional<String> measuredAfter() {
        return observabilityOff ? Optional.of(name.substring(0, name.length() - OBSERVABILITY_OFF.length()))
                : Optional.ofNullable(baseline);
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
