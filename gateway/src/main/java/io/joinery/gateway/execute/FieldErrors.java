package io.joinery.gateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import java.util.List;

/**
 * Builds the GraphQL field errors of SPEC §0.1: `message`, the client-facing `path` (response keys
 * and list indices), `extensions.code` `remote-schema-error`, and `extensions.internal` (upstream
 * detail) for admin requests only.
 */
final class FieldErrors {
    private final ArrayNode errors;
    private final boolean admin;
    private final java.util.Map<String, String> hiddenKeys;

    /** @param hiddenKeys hidden join key → the relationship's response key ({@code JoinNode.hiddenKeyOwners}) */
    FieldErrors(ArrayNode errors, boolean admin, java.util.Map<String, String> hiddenKeys) {
        this.errors = errors;
        this.admin = admin;
        this.hiddenKeys = hiddenKeys;
    }

    void add(String message, List<Object> path, JsonNode internal) {
        ObjectNode error = errors.addObject();
        error.put("message", message);
        ArrayNode pathNode = error.putArray("path");
        for (Object segment : clientPath(path)) {
            if (segment instanceof Integer i) {
                pathNode.add(i);
            } else {
                pathNode.add((String) segment);
            }
        }
        ObjectNode extensions = error.putObject("extensions");
        extensions.put("code", ErrorCode.REMOTE_SCHEMA_ERROR.wire());
        if (internal != null && admin) {
            extensions.set("internal", internal);
        }
    }

    /**
     * The path a client sees: an upstream path that runs through a hidden join field (an error
     * while reading a join key) ends at the relationship that needed it instead.
     */
    List<Object> clientPath(List<Object> path) {
        List<Object> out = new java.util.ArrayList<>(path.size());
        for (Object segment : path) {
            String owner = segment instanceof String key ? hiddenKeys.get(key) : null;
            if (owner != null) {
                out.add(owner);
                return out;
            }
            out.add(segment);
        }
        return out;
    }

    /** An upstream error's message, or a generic one when it has none. */
    static String message(JsonNode upstreamError) {
        JsonNode message = upstreamError.get("message");
        return message != null && message.isTextual() ? message.asText() : "Errors from remote server";
    }
}
