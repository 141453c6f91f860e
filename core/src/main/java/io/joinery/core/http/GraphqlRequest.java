package io.joinery.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.json.JsonKind;

/** One GraphQL-over-HTTP request: `{query, variables?, operationName?}` (SPEC §7). */
public record GraphqlRequest(String query, ObjectNode variables, String operationName) {

    public GraphqlRequest {
        variables = variables == null ? Json.object() : variables;
    }

    /** Parses the request object; a missing or non-string `query` is `parse-failed` at `$`. */
    public static GraphqlRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "Error in $: expected an object with a \"query\" key, but found "
                            + JsonKind.of(body).withArticle(),
                    ErrorPath.root());
        }
        JsonNode query = body.get("query");
        if (query == null || query.isNull()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "Error in $: key \"query\" not found",
                    ErrorPath.root());
        }
        if (!query.isTextual()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "Error in $.query: expected a string, but found " + JsonKind.of(query).withArticle(), ErrorPath.root());
        }
        JsonNode variables = body.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "Error in $.variables: expected an object, but found " + JsonKind.of(variables).withArticle(),
                    ErrorPath.root());
        }
        JsonNode operationName = body.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "Error in $.operationName: expected a string, but found " + JsonKind.of(operationName).withArticle(),
                    ErrorPath.root());
        }
        return new GraphqlRequest(query.asText(),
                variables == null || variables.isNull() ? null : (ObjectNode) variables,
                operationName == null || operationName.isNull() ? null : operationName.asText());
    }

}
