package io.joinery.core.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes a response body, for both services (STYLE §6). There are two
 * wire forms: the GraphQL one (`{"errors": [one error]}`, always HTTP 200, SPEC §7) and the API
 * one (`{path, error, code, internal?}` with the error's status, SPEC §1.1). `internal` is written
 * only when the caller is admin (SPEC §6).
 *
 * <p>A failure that is not a {@link JoineryException} is a bug: it is logged with its stack trace
 * here and answered as `unexpected` at `$` with status {@value #UNEXPECTED_STATUS}, naming only the
 * exception's class, so no stack trace or message of ours reaches the client.
 */
public final class ErrorWriter {
    /** The status of an unexpected failure on the API endpoints. */
    public static final int UNEXPECTED_STATUS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorWriter.class);

    private ErrorWriter() {}

    /** {@code error} itself when it is a request error; otherwise the one `unexpected` conversion. */
    public static JoineryException asJoinery(Throwable error) {
        if (error instanceof JoineryException joinery) {
            return joinery;
        }
        LOG.error("unexpected failure while answering a request", error);
        return new JoineryException(ErrorCode.UNEXPECTED,
                "an unexpected error occurred: " + error.getClass().getSimpleName(), ErrorPath.root(), null,
                UNEXPECTED_STATUS);
    }

    /** A `/v1/graphql` answer with no `data`: `{"errors": [error]}`, HTTP 200. */
    public static GraphqlAnswer graphql(Throwable error, boolean includeInternal) {
        JoineryException e = asJoinery(error);
        ObjectNode body = Json.object();
        body.putArray("errors").add(e.toGraphqlError(includeInternal));
        return GraphqlAnswer.ofBytes(Json.writeBytes(body));
    }

    /** An API answer (`/v1/metadata`, `/v2/query`, 404, 405): the error's status and `{path, error, code}`. */
    public static HttpAnswer api(Throwable error, boolean includeInternal) {
        JoineryException e = asJoinery(error);
        return HttpAnswer.jsonBytes(e.httpStatus(), Json.writeBytes(e.toApiError().toMetadataBody(includeInternal)));
    }
}
