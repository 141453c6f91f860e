package io.joinery.core.upstream;

import java.util.List;
import java.util.Map;

/** What an upstream answered: any HTTP status, every response header in order, the body as text. */
public record UpstreamResponse(int status, List<Map.Entry<String, String>> headers, String body) {
    public UpstreamResponse {
        headers = headers.stream().map(h -> Map.entry(h.getKey(), h.getValue())).toList();
    }

    /** The values of header `name` (any case), in order. */
    public List<String> values(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }
}
