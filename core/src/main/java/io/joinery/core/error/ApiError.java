package io.joinery.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;

/**
 * One error in its two wire forms: the metadata body `{path, error, code, internal?}` and the
 * GraphQL error `{message, extensions: {path, code, internal?}}`. `code` is a string so that codes
 * returned by action handlers pass through.
 */
public record ApiError(String code, String message, String path, JsonNode internal) {

    /** The `/v1/metadata` and `/v2/query` body; `internal` only when {@code includeInternal}. */
    public ObjectNode toMetadataBody(boolean includeInternal) {
        ObjectNode body = Json.object();
        body.put("path", path);
        body.put("error", message);
        body.put("code", code);
        if (includeInternal && internal != null) {
            body.set("internal", internal);
        }
        return body;
    }

    /** One entry of a GraphQL `errors` array. */
    public ObjectNode toGraphqlError(boolean includeInternal) {
        ObjectNode error = Json.object();
        error.put("message", message);
        ObjectNode extensions = error.putObject("extensions");
        extensions.put("path", path);
        extensions.put("code", code);
        if (includeInternal && internal != null) {
            extensions.set("internal", internal);
        }
        return error;
    }
}
