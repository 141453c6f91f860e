package io.joinery.core.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole response as a value: what every route returns and the front door writes, in one go,
 * with `Content-Length`. `setCookies` are `Set-Cookie` values passed on from upstreams (SPEC §3.4)
 * and from an auth webhook (SPEC §9).
 */
public record HttpAnswer(int status, String contentType, String body, List<String> setCookies) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    public HttpAnswer {
        setCookies = List.copyOf(setCookies);
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
        return new HttpAnswer(status, contentType, body, all);
    }
}
