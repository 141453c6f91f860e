package io.joinery.gateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.json.Json;
import io.joinery.gateway.plan.ClientPath;
import io.joinery.gateway.plan.HiddenFields;
import java.util.List;
import java.util.Optional;

/**
 * The field errors of one execution (SPEC §0.1): `message`, the client's `path`,
 * `extensions.code` `remote-schema-error`, and `extensions.internal` (upstream detail) for admin
 * requests only. Root fetches and joins add to the same list, in that order.
 *
 * <p>This is the one place an upstream error's path becomes a client path ({@link #addUpstream}):
 * the upstream path's first key stands for a value the client sees at a known client path; the
 * fields the gateway wrapped around that value upstream are dropped; the rest follows as it is.
 * A path that runs through a hidden join field ends at the relationship that needed it
 * ({@link HiddenFields}).
 */
final class FieldErrors {
    private final ArrayNode errors = Json.array();
    private final boolean admin;
    private final HiddenFields hidden;

    FieldErrors(boolean admin, HiddenFields hidden) {
        this.admin = admin;
        this.hidden = hidden;
    }

    /** An error of the gateway's own at {@code at} (a failed fetch, a key missing from an answer). */
    void add(String message, ClientPath at, JsonNode internal) {
        ObjectNode error = errors.addObject();
        error.put("message", message);
        error.set("path", visible(at).toJson());
        ObjectNode extensions = error.putObject("extensions");
        extensions.put("code", ErrorCode.REMOTE_SCHEMA_ERROR.wire());
        if (internal != null && admin) {
            extensions.set("internal", internal);
        }
    }

    /**
     * An upstream error whose path starts at the key of a value the client sees at {@code landing}.
     * {@code wrappers} are the field names the gateway put around that value upstream (a join's
     * inner `remote_field` levels); they are dropped as far as the path follows them.
     */
    void addUpstream(JsonNode upstreamError, ClientPath landing, List<String> wrappers) {
        JsonNode upstreamPath = upstreamError.get("path");
        ClientPath path = landing;
        int wrapper = 0;
        for (int i = 1; i < upstreamPath.size(); i++) {
            JsonNode segment = upstreamPath.get(i);
            if (wrapper < wrappers.size() && segment.isTextual() && segment.asText().equals(wrappers.get(wrapper))) {
                wrapper++;
                continue;
            }
            wrapper = wrappers.size();
            path = segment.isInt() ? path.index(segment.asInt()) : path.key(segment.asText());
        }
        add(message(upstreamError), path, upstreamError);
    }

    /** An upstream error without a usable path, reported where the value it is about lands. */
    void addUnplaced(JsonNode upstreamError, ClientPath landing, JsonNode internal) {
        add(message(upstreamError), landing, internal);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors so far, as the response's `errors` array. */
    ArrayNode toJson() {
        return errors;
    }

    /** The first key of an upstream error's path: which value of the answer it is about. */
    static Optional<String> upstreamKey(JsonNode upstreamError) {
        JsonNode path = upstreamError.get("path");
        return path != null && path.isArray() && !path.isEmpty() && path.get(0).isTextual()
                ? Optional.of(path.get(0).asText()) : Optional.empty();
    }

    /** The path a client sees: one through a hidden join field ends at the relationship that read it. */
    private ClientPath visible(ClientPath path) {
        List<Object> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            Optional<String> owner = segments.get(i) instanceof String key ? hidden.ownerOf(key) : Optional.empty();
            if (owner.isPresent()) {
                return new ClientPath(segments.subList(0, i)).key(owner.get());
            }
        }
        return path;
    }

    /** An upstream error's message, or a generic one when it has none. */
    private static String message(JsonNode upstreamError) {
        JsonNode message = upstreamError.get("message");
        return message != null && message.isTextual() ? message.asText() : "Errors from remote server";
    }
}
