package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;

/**
 * A failed synchronous action as the client sees it (SPEC §3.7): `message`, the `extensions` every
 * client sees, and `internal`, the admin-only detail (request and response), added as
 * `extensions.internal` for admin requests only.
 *
 * <p>For a handler 4xx that carried its own `extensions`, {@link #extensions} is exactly that
 * value (no `path`/`code` added) and there is no internal part. Otherwise `extensions` is
 * `{"path": "$", "code": ...}`.
 */
public record ActionError(String message, JsonNode extensions, JsonNode internal) {
    public ActionError {
        extensions = extensions.deepCopy();
        internal = internal == null ? null : internal.deepCopy();
    }

    /** `{"path": "$", "code": code}`, the usual extensions. */
    static ObjectNode standardExtensions(String code) {
        return Json.object().put("path", "$").put("code", code);
    }

    /** The error code: `extensions.code` when it is a string, else `unexpected`. */
    public String code() {
        JsonNode code = extensions.get("code");
        return code != null && code.isTextual() ? code.asText() : "unexpected";
    }

    /** One entry of the GraphQL `errors` array; `internal` only when {@code includeInternal} (admin). */
    public ObjectNode toGraphqlError(boolean includeInternal) {
        ObjectNode error = Json.object();
        error.put("message", message);
        JsonNode ext = extensions.deepCopy();
        if (includeInternal && internal != null && ext.isObject()) {
            ((ObjectNode) ext).set("internal", internal.deepCopy());
        }
        error.set("extensions", ext);
        return error;
    }

    /**
     * The metadata-error form `{"path", "error", "code", "internal"?}`: what an asynchronous
     * action stores in `errors` (SPEC §3.9).
     */
    public ObjectNode toMetadataError(boolean includeInternal) {
        ObjectNode error = Json.object();
        JsonNode path = extensions.get("path");
        error.put("path", path != null && path.isTextual() ? path.asText() : "$");
        error.put("error", message);
        error.put("code", code());
        if (includeInternal && internal != null) {
            error.set("internal", internal.deepCopy());
        }
        return error;
    }

    public ActionErrorException toException() {
        return new ActionErrorException(this);
    }
}
