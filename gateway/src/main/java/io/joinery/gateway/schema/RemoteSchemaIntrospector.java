package io.joinery.gateway.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.introspection.IntrospectionQueryBuilder;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.upstream.Idempotency;
import io.joinery.gateway.remote.RemoteClient;
import io.joinery.gateway.remote.RemoteHeaders;
import io.joinery.gateway.remote.RemoteRequest;
import java.util.List;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * Fetches a remote's schema with the standard introspection query (SPEC §4.2): configured headers,
 * admin session headers, no client headers. Yields the raw `data` object (with `__schema`); every
 * failure is a `remote-schema-error` naming the URL as configured.
 */
public final class RemoteSchemaIntrospector {
    /** The spec introspection query, without newer fields older servers reject. */
    public static final String QUERY = IntrospectionQueryBuilder.build(IntrospectionQueryBuilder.Options.defaultOptions()
            .descriptions(true).specifiedByUrl(false).isOneOf(false).directiveIsRepeatable(false)
            .schemaDescription(false).inputValueDeprecation(false));

    private final RemoteClient client;
    private final String userAgent;

    public RemoteSchemaIntrospector(RemoteClient client, String userAgent) {
        this.client = client;
        this.userAgent = userAgent;
    }

    public Mono<ObjectNode> introspect(RemoteEndpoint endpoint) {
        ObjectNode body = Json.object();
        body.put("query", QUERY);
        RemoteRequest request = new RemoteRequest(endpoint.remote(), endpoint.url(),
                RemoteHeaders.build(userAgent, endpoint.headers(), SessionVariables.admin(), false, List.of()),
                Json.write(body), endpoint.timeout(), Idempotency.IDEMPOTENT);
        return client.send(request)
                .onErrorMap(e -> !(e instanceof JoineryException), e -> httpException(endpoint, e))
                .map(response -> {
                    JsonNode json;
                    try {
                        json = Json.MAPPER.readTree(response.body());
                    } catch (JsonProcessingException e) {
                        throw invalid(endpoint, "the response is not valid JSON (HTTP status " + response.status()
                                + "): " + e.getOriginalMessage());
                    }
                    JsonNode errors = json == null ? null : json.get("errors");
                    if (errors != null && errors.isArray() && !errors.isEmpty()) {
                        throw invalid(endpoint, "the remote answered the introspection query with errors: "
                                + Json.write(errors));
                    }
                    if (!response.isSuccess()) {
                        throw invalid(endpoint, "the remote answered with HTTP status " + response.status());
                    }
                    JsonNode data = json == null ? null : json.get("data");
                    if (data == null || !data.isObject() || !data.path("__schema").isObject()) {
                        throw invalid(endpoint, "\"data.__schema\" not found in the introspection result");
                    }
                    return (ObjectNode) data;
                });
    }

    private static JoineryException httpException(RemoteEndpoint endpoint, Throwable e) {
        ObjectNode internal = Json.object();
        internal.put("type", "http_exception");
        internal.put("message", e instanceof TimeoutException ? "Response timeout" : String.valueOf(e.getMessage()));
        return new JoineryException(ErrorCode.REMOTE_SCHEMA_ERROR,
                "HTTP exception occurred while sending the request to \"" + endpoint.configuredUrl() + "\"",
                ErrorPath.args(), internal);
    }

    private static JoineryException invalid(RemoteEndpoint endpoint, String detail) {
        return new JoineryException(ErrorCode.REMOTE_SCHEMA_ERROR,
                "invalid introspection result from remote schema \"" + endpoint.remote() + "\" at \""
                        + endpoint.configuredUrl() + "\": " + detail, ErrorPath.args());
    }
}
