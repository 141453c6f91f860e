package io.joinery.gateway.remote;

import io.joinery.core.upstream.Idempotency;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One POST to a remote GraphQL server: the body is the GraphQL-over-HTTP JSON text; headers are
 * final (configured, session and forwarded ones already merged, SPEC §4.4). Queries and
 * introspection are {@link Idempotency#IDEMPOTENT}, mutations not.
 */
public record RemoteRequest(String remote, URI url, Map<String, String> headers, String body, Duration timeout,
                            Idempotency idempotency) {
    public RemoteRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
