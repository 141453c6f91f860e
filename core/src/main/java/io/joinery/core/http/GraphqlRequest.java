package io.joinery.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;

/** One GraphQL-over-HTTP request: `{query, variables?, operationName?}` (SPEC §7). */
public record GraphqlRequest(String query, ObjectNode variables, String operationName) {

    public GraphqlRequest {
        variables = variables == null ? Json.object() : variables;
    }

    /** Parses the request object; a missing or non-string `query` is `parse-failed` at `$`. */
    public static GraphqlRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "Error in $: expected an object with a \"query\" key, but found " + kind(body),
                    ErrorPath.root());
        }
        JsonNode query = body.get("query");
        if (query == null || query.isNull()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "Error in $: key \"query\" not found",
                    ErrorPath.root());
        }
        if (!query.isTextual()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "Error in $.query: expected a string, but found " + kind(query), ErrorPath.root());
        }
        JsonNode variables = body.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "Error in $.variables: expected an object, but found " + kind(variables), ErrorPath.root());
        }
        JsonNode operationName = body.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "Error in $.operationName: expected a string, but found " + kind(operationName),
                    ErrorPath.root());
        }
        return new GraphqlRequest(query.asText(),
                variables == null || variables.isNull() ? null : (ObjectNode) variables,
                operationName == null || operationName.isNull() ? null : operationName.asText());
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
