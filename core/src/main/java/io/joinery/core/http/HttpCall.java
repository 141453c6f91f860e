package io.joinery.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.JsonBodyParser;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as the front door hands it to a route: its id, method, normalized path, raw query
 * string, headers, the whole body (UTF-8 text, "" when there is none) and the limits it is held to.
 *
 * <p>Routes read {@code headers} only to forward them (SPEC §3.4, §4.4); who the caller is comes
 * from the {@link io.joinery.core.auth.SessionResolver}, never from raw headers.
 */
public record HttpCall(String requestId, HttpMethod method, String path, String query, HttpHeaders headers,
                       String body, HardLimits limits) {

    /** With the default limits. */
    public HttpCall(String requestId, HttpMethod method, String path, String query, HttpHeaders headers, String body) {
        this(requestId, method, path, query, headers, body, HardLimits.DEFAULTS);
    }

    /**
     * The body as JSON, parsed under the limits' JSON depth; not JSON (or too deep) is `invalid-json`.
     */
    public JsonNode jsonBody() {
        return JsonBodyParser.of(limits.maxJsonDepth()).parse(body);
    }

    /** The headers as name/value pairs in request order, the form outbound calls forward. */
    public List<Map.Entry<String, String>> headerEntries() {
        return headers.entries();
    }

    /** The URL-decoded value of query parameter {@code name}, "" when it has no value, or null when absent. */
    public String queryParam(String name) {
        if (query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }
}
