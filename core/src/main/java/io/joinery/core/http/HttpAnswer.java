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
 *
 * <p>The body is held as it was produced ({@link Utf8Body}): UTF-8 bytes ({@link #jsonBytes}, the
 * hot paths, which serialize straight to bytes) or text (the String constructors).
 */
public final class HttpAnswer {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    private final int status;
    private final String contentType;
    private final Utf8Body body;
    private final List<String> setCookies;
    private final Map<String, String> headers;

    private HttpAnswer(int status, String contentType, Utf8Body body, List<String> setCookies,
                       Map<String, String> headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.setCookies = List.copyOf(setCookies);
        this.headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public HttpAnswer(int status, String contentType, String body, List<String> setCookies,
                      Map<String, String> headers) {
        this(status, contentType, Utf8Body.ofText(body), setCookies, headers);
    }

    /** Without headers of its own. */
    public HttpAnswer(int status, String contentType, String body, List<String> setCookies) {
        this(status, contentType, Utf8Body.ofText(body), setCookies, Map.of());
    }

    public static HttpAnswer json(int status, String body) {
        return new HttpAnswer(status, JSON, body, List.of());
    }

    /** A JSON answer whose body is already UTF-8 bytes; they are written as given, not copied. */
    public static HttpAnswer jsonBytes(int status, byte[] utf8) {
        return jsonBytes(status, utf8, List.of());
    }

    /** {@link #jsonBytes(int, byte[])} with {@code setCookies}. */
    public static HttpAnswer jsonBytes(int status, byte[] utf8, List<String> setCookies) {
        return new HttpAnswer(status, JSON, Utf8Body.ofBytes(utf8), setCookies, Map.of());
    }

    /** An answer of any content type whose body is already bytes (a file), written as given. */
    public static HttpAnswer ofBytes(int status, String contentType, byte[] body) {
        return new HttpAnswer(status, contentType, Utf8Body.ofBytes(body), List.of(), Map.of());
    }

    public static HttpAnswer text(int status, String body) {
        return new HttpAnswer(status, TEXT, body, List.of());
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The body as text: decoded from UTF-8 on each call when it was given as bytes. */
    public String body() {
        return body.text();
    }

    /** The body as UTF-8, what is written: the bytes given (not a copy), or the text encoded on each call. */
    public byte[] bytes() {
        return body.bytes();
    }

    public List<String> setCookies() {
        return setCookies;
    }

    public Map<String, String> headers() {
        return headers;
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

    @Override
    public String toString() {
        return "HttpAnswer[status=" + status + ", contentType=" + contentType + ", body=" + body() + "]";
    }
}
