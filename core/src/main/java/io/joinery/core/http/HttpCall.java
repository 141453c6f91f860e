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
 * string, headers, the whole body as it arrived (bytes, empty when there is none), the limits it is
 * held to and the caller's IP address (the connection's peer; what `rate_limit`'s `unique_params: "IP"`
 * counts by).
 *
 * <p>The body stays bytes: JSON is parsed from them ({@link #jsonBody}), and {@link #body()} decodes
 * them as UTF-8 only for a route that wants text. {@code bodyBytes} is the front door's own array,
 * handed over without a copy: read it, never change it.
 *
 * <p>Routes read {@code headers} only to forward them (SPEC §3.4, §4.4); who the caller is comes
 * from the {@link io.joinery.core.auth.SessionResolver}, never from raw headers.
 */
public record HttpCall(String requestId, HttpMethod method, String path, String query, HttpHeaders headers,
                       byte[] bodyBytes, HardLimits limits, String clientAddress) {

    /** With a text body (encoded as UTF-8), the default limits and an unknown peer address. */
    public HttpCall(String requestId, HttpMethod method, String path, String query, HttpHeaders headers, String body) {
        this(requestId, method, path, query, headers, body.getBytes(StandardCharsets.UTF_8), HardLimits.DEFAULTS,
                "unknown");
    }

    /** The body as UTF-8 text ("" when there is none; malformed bytes become U+FFFD), decoded on each call. */
    public String body() {
        return new String(bodyBytes, StandardCharsets.UTF_8);
    }

    /**
     * The body as JSON, parsed from its bytes under the limits' JSON depth; not JSON (or too deep) is
     * `invalid-json`, as it would be for {@link #body()}.
     */
    public JsonNode jsonBody() {
        return JsonBodyParser.of(limits.maxJsonDepth()).parse(bodyBytes);
    }

    /** The headers as name/value pairs in request order, the form outbound calls forward. */
    public List<Map.Entry<String, String>> headerEntries() {
        return headers.entries();
    }

    /**
     * The URL-decoded value of query parameter {@code name} (a value with a malformed escape as sent), ""
     * when it has no value, or null when absent.
     */
    public String queryParam(String name) {
        if (query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return kv.length > 1 ? decoded(kv[1]) : "";
            }
        }
        return null;
    }

    /** {@code value} URL-decoded; one with a malformed escape (`%zz`, a lone `%`) as sent, since it is not one. */
    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }
}
