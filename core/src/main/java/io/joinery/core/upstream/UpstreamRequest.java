package io.joinery.core.upstream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One POST to an upstream: the headers are sent as listed (a name listed twice is sent twice;
 * `Content-Length` is always set from the body), and `timeout` bounds the whole call, a resend
 * included. The body is UTF-8 bytes, sent as they are.
 */
public record UpstreamRequest(URI url, List<Map.Entry<String, String>> headers, byte[] bodyBytes, Duration timeout,
                              Idempotency idempotency) {
    public UpstreamRequest {
        headers = Headers.copyOf(headers);
    }

    /** A request whose body is {@code body} in UTF-8. */
    public UpstreamRequest(URI url, List<Map.Entry<String, String>> headers, String body, Duration timeout,
                           Idempotency idempotency) {
        this(url, headers, body.getBytes(StandardCharsets.UTF_8), timeout, idempotency);
    }

    /** The body as text (decoded on every call). */
    public String body() {
        return new String(bodyBytes, StandardCharsets.UTF_8);
    }
}
