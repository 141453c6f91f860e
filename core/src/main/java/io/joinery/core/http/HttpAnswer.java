package io.joinery.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole response as a value: what every route returns and the front door writes, in one go,
 * with `Content-Length`. `setCookies` are `Set-Cookie` values passed on from upstreams (SPEC §3.4)
 * and from an auth webhook (SPEC §9); `headers` are any other response headers of the route's own
 * (`Cache-Control` of the console's files), written as given.
 */
public record HttpAnswer(int status, String contentType, String body, List<String> setCookies,
                         Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    public HttpAnswer {
        setCookies = List.copyOf(setCookies);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Without headers of its own. */
    public HttpAnswer(int status, String contentType, String body, List<String> setCookies) {
        this(status, contentType, body, setCookies, Map.of());
    }

    public static HttpAnswer json(int status, String body) {
        return new HttpAnswer(status, JSON, body, List.of());
    }

    public static HttpAnswer text(int status, String body) {
        return new HttpAnswer(status, TEXT, body, List.of());
    }

    /** The same answer with {@code more} cookies after its own. */
    public HttpAnswer withSetCookies(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(setCookies);
        all.addAll(more);
        return new HttpAnswer(status, contentType, body, all, headers);
    }

    /** This answer with response header {@code name} set to {@code value} (replacing one of that name). */
    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, contentType, body, setCookies, more);
    }
}
