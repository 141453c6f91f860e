package io.joinery.core.upstream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What an upstream answered: any HTTP status, every response header in order, the body as it
 * arrived (bytes; {@link #body()} decodes them as UTF-8).
 */
public record UpstreamResponse(int status, List<Map.Entry<String, String>> headers, byte[] bodyBytes) {
    public UpstreamResponse {
        headers = Headers.copyOf(headers);
    }

    /** A response whose body is {@code body} in UTF-8. */
    public UpstreamResponse(int status, List<Map.Entry<String, String>> headers, String body) {
        this(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body as text (decoded on every call). */
    public String body() {
        return new String(bodyBytes, StandardCharsets.UTF_8);
    }

    /** The values of header `name` (any case), in order. */
    public List<String> values(String name) {
        List<String> values = null;
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(1);
                }
                values.add(header.getValue());
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }
}
