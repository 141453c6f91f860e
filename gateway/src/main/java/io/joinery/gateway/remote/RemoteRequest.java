package io.joinery.gateway.remote;

import io.joinery.core.upstream.Idempotency;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One POST to a remote GraphQL server: the body is the GraphQL-over-HTTP JSON, as UTF-8 bytes;
 * headers are final (configured, session and forwarded ones already merged, SPEC §4.4). Queries
 * and introspection are {@link Idempotency#IDEMPOTENT}, mutations not.
 */
public record RemoteRequest(String remote, URI url, Map<String, String> headers, byte[] bodyBytes, Duration timeout,
                            Idempotency idempotency) {
    public RemoteRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A request whose body is the JSON text {@code body}. */
    public RemoteRequest(String remote, URI url, Map<String, String> headers, String body, Duration timeout,
                         Idempotency idempotency) {
        this(remote, url, headers, body.getBytes(StandardCharsets.UTF_8), timeout, idempotency);
    }

    /** The body as text (decoded on every call). */
    public String body() {
        return new String(bodyBytes, StandardCharsets.UTF_8);
    }
}
