package io.joinery.core.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One POST to an upstream: the headers are sent as listed (a name listed twice is sent twice;
 * `Content-Length` is always set from the body), and `timeout` bounds the whole call, a resend
 * included.
 */
public record UpstreamRequest(URI url, List<Map.Entry<String, String>> headers, String body, Duration timeout,
                              Idempotency idempotency) {
    public UpstreamRequest {
        headers = headers.stream().map(h -> Map.entry(h.getKey(), h.getValue())).toList();
    }
}
