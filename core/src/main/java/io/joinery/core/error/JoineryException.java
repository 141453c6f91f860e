package io.joinery.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request error: stops the whole request and is turned into Hasura's error shape once, by the
 * route. `internal` carries upstream detail (SQL text, a handler's raw response) that only admin
 * requests see. `httpStatus` is the status the metadata endpoints answer with; `/v1/graphql`
 * always answers 200.
 */
public class JoineryException extends RuntimeException {
    private final ErrorCode code;
    private final ErrorPath path;
    private final JsonNode internal;
    private final int httpStatus;

    public JoineryException(ErrorCode code, String message, ErrorPath path) {
        this(code, message, path, null, 400);
    }

    public JoineryException(ErrorCode code, String message, ErrorPath path, JsonNode internal) {
        this(code, message, path, internal, 400);
    }

    public JoineryException(ErrorCode code, String message, ErrorPath path, JsonNode internal, int httpStatus) {
        super(message);
        this.code = code;
        this.path = path == null ? ErrorPath.root() : path;
        this.internal = internal;
        this.httpStatus = httpStatus;
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorPath path() {
        return path;
    }

    /** Upstream detail for admins; null when there is none. */
    public JsonNode internal() {
        return internal;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The same error reported under another path (for `bulk`: `$.args[i]` in front). */
    public JoineryException under(ErrorPath prefix) {
        return new JoineryException(code, getMessage(), path.under(prefix), internal, httpStatus);
    }

    public ApiError toApiError() {
        return new ApiError(code.wire(), getMessage(), path.toString(), internal);
    }

    /** This error as the one entry of a GraphQL `errors` array; `internal` only when {@code includeInternal}. */
    public ObjectNode toGraphqlError(boolean includeInternal) {
        return toApiError().toGraphqlError(includeInternal);
    }
}
